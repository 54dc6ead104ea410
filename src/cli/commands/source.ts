import { readFile } from 'node:fs/promises'
import { TUTORIAL_URLS } from '../../common/defaults.ts'
import { simulatedTotalProblem } from '../../common/schemas.ts'
import type { SimulatedSource } from '../../common/schemas.ts'
import { parseUrlList } from '../../common/url-list.ts'
import type { SimulatedCdn } from '../../engine/simulated-cdn/index.ts'
import { oneOf, simulatedOf, UsageError } from '../args.ts'

export interface ResolvedSource {
  urls: string[]
  /** Set for `--source simulated`: the server to stop when done. */
  cdn?: SimulatedCdn
  simulated?: SimulatedSource
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
  if (kind === 'simulated') {
    if (positionals.length > 0 || file !== undefined) {
      throw new UsageError(
        '--source simulated serves its own URLs: give no URLs and no --urls-file'
      )
    }
    const simulated = simulatedOf(values as Record<string, string>)
    const tooLarge = simulatedTotalProblem(simulated)
    if (tooLarge) throw new UsageError(`${tooLarge}: lower --count or --size-kb`)
    // The simulated CDN makes its photos with sharp: loaded only for this source.
    const { startSimulatedCdn } = await import('../../engine/simulated-cdn/index.ts')
    const cdn = await startSimulatedCdn(simulated)
    return { urls: [...cdn.urls], cdn, simulated, rejected: [] }
  }
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

/** What the network allows: each image's latency plus its transfer, overlapped as far as the concurrency goes. */
export function idealMs(simulated: SimulatedSource, concurrency: number): number {
  const perImage =
    simulated.latencyMs +
    (simulated.bandwidthKBps > 0 ? (simulated.sizeKB / simulated.bandwidthKBps) * 1000 : 0)
  return Math.ceil(simulated.count / Math.max(1, concurrency)) * perImage
}
