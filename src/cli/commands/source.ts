import { readFile } from 'node:fs/promises'
import { TUTORIAL_URLS } from '../../common/defaults.ts'
import { simulatedTotalProblem } from '../../common/schemas.ts'
import type { SimulatedSource } from '../../common/schemas.ts'
import { parseUrlList } from '../../common/url-list.ts'
import type { SimulatedCdn, SimulatedCdnOptions } from '../../engine/simulated-cdn/index.ts'
import type { PhotoPixels } from '../../engine/simulated-cdn/pixel-limits.ts'
import { oneOf, photoPixelsOf, simulatedOf, UsageError } from '../args.ts'

export interface ResolvedSource {
  urls: string[]
  /** Set for `--source simulated`: the server to stop when done. */
  cdn?: SimulatedCdn
  simulated?: SimulatedSource
  /** `--photo-pixels`: the simulated photos' size in pixels. */
  photoPixels?: PhotoPixels
  /** Lines of a URL file or the command line that cannot be downloaded, reported before the run. */
  rejected: string[]
}

type Values = Record<string, unknown>

/**
 * The URLs of a download: given on the command line, read from a file (one a
 * line, blanks and `#` comments ignored), the tutorial's 15 by default, or the
 * simulated CDN's.
 */
export async function resolveSource(
  values: Values,
  positionals: string[]
): Promise<ResolvedSource> {
  const kind = oneOf('source', values.source, ['unsplash', 'simulated'] as const, 'unsplash')
  const file = values['urls-file']
  const photoPixels = photoPixelsOf(values)
  if (kind === 'simulated') {
    if (positionals.length > 0 || file !== undefined) {
      throw new UsageError(
        '--source simulated serves its own URLs: give no URLs and no --urls-file'
      )
    }
    const simulated = simulatedOf(values as Record<string, string>)
    const tooLarge = simulatedTotalProblem(simulated)
    if (tooLarge) throw new UsageError(`${tooLarge}: lower --count or --size-kb`)
    const cdn = await startCdn({ ...simulated, ...(photoPixels ? { photoPixels } : {}) })
    return {
      urls: [...cdn.urls],
      cdn,
      simulated,
      ...(photoPixels ? { photoPixels } : {}),
      rejected: []
    }
  }
  if (photoPixels) throw new UsageError('--photo-pixels is for --source simulated')
  let text: string
  if (typeof file === 'string') {
    if (positionals.length > 0) throw new UsageError('give URLs or --urls-file, not both')
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      throw new UsageError(`cannot read --urls-file ${file}: ${(error as Error).message}`)
    }
  } else {
    text = (positionals.length > 0 ? positionals : TUTORIAL_URLS).join('\n')
  }
  const list = parseUrlList(text)
  const rejected = list.invalid.map((line) => `line ${line.line}: ${line.text}: ${line.error}`)
  if (list.urls.length === 0) {
    throw new UsageError(
      rejected.length > 0 ? `no URL to download:\n  ${rejected.join('\n  ')}` : 'no URL to download'
    )
  }
  return { urls: list.urls, rejected }
}

/**
 * The simulated CDN, loaded only for this source (it makes its photos with sharp). Options it
 * refuses, such as photos too large in pixels for their size in KiB, are the user's to change.
 */
export async function startCdn(options: SimulatedCdnOptions): Promise<SimulatedCdn> {
  const { startSimulatedCdn } = await import('../../engine/simulated-cdn/index.ts')
  try {
    return await startSimulatedCdn(options)
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message)
    throw error
  }
}

/** What the network allows: each image's latency plus its transfer, overlapped as far as the concurrency goes. */
export function idealMs(simulated: SimulatedSource, concurrency: number): number {
  const perImage =
    simulated.latencyMs +
    (simulated.bandwidthKBps > 0 ? (simulated.sizeKB / simulated.bandwidthKBps) * 1000 : 0)
  return Math.ceil(simulated.count / Math.max(1, concurrency)) * perImage
}
