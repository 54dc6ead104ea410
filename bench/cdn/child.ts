import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { LoopWatch } from './loop-delay.ts'
import type { CdnChildOptions, FromCdn, ToCdn } from './messages.ts'

/** The simulated CDN in a process of its own, so it does not share the engine's event loop. */
const options = JSON.parse(process.argv[2] ?? '{}') as CdnChildOptions
const send = (message: FromCdn): void => void process.send?.(message)

const { prepareAll, ...cdnOptions } = options
const cdn = await startSimulatedCdn(cdnOptions)
const started = performance.now()
if (prepareAll) await cdn.ready()
const prepareMs = performance.now() - started
const watch = new LoopWatch()

process.on('message', (message: ToCdn) => {
  if (message.type === 'close') {
    watch.stop()
    void cdn.close().then(() => process.exit(0))
    return
  }
  send({ type: 'report', report: { stats: { ...cdn.stats }, ...watch.read() } })
  if (message.reset) {
    cdn.resetStats()
    watch.reset()
  }
})
process.on('disconnect', () => void cdn.close().then(() => process.exit(0)))
send({ type: 'ready', origin: cdn.origin, urls: cdn.urls, prepareMs })
