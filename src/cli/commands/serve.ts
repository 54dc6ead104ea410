import { constants } from 'node:os'
import { integer, parse, photoPixelsOf, simulatedOf, simulatedOptions } from '../args.ts'
import { startCdn } from './source.ts'

/** Runs the simulated CDN until stopped, printing its URL list as JSON. */
export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...simulatedOptions, port: { type: 'string', short: 'p' } })
  const port = integer('port', values.port, 0, 0, 65_535)
  const photoPixels = photoPixelsOf(values)
  const cdn = await startCdn({
    ...simulatedOf(values),
    ...(photoPixels ? { photoPixels } : {}),
    port
  })
  // Listening before saying so: a Ctrl-C sent as soon as the line appears is ours, not Node's.
  // Stopped as any interrupted command is: 128 + the signal's number (130 for Ctrl-C).
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  console.log(JSON.stringify({ origin: cdn.origin, urls: cdn.urls }, null, 2))
  const size = photoPixels ? `${photoPixels.width}×${photoPixels.height} px` : '640×427 px'
  console.error(`Simulated CDN on ${cdn.origin} (photos of ${size}); Ctrl-C stops it.`)
  const signal = await stopped
  await cdn.close()
  return 128 + constants.signals[signal]
}
