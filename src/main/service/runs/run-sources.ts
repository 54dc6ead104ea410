import { createHash } from 'node:crypto'
import { TUTORIAL_URLS } from '../../../common/defaults.ts'
import type { Result } from '../../../common/api.ts'
import type { ImageSize, SimulatedSource, SleepRequest, Source } from '../../../common/schemas.ts'
import { applyImageSize, parseUrlList } from '../../../common/url-list.ts'
import { freeSpaceProblem } from './run-limits.ts'

export interface ResolvedUrls {
  urls: string[]
  sourceLabel: string
  sourceKey: string
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16)
}

/**
 * A download's URLs, label and key from its source: a pasted list checked as
 * the window checks it, or the simulated CDN started (or kept) for it. A
 * simulated run's size is known, so it is refused before its CDN starts when
 * it cannot fit in `dir`.
 */
export async function resolveSource(
  source: Exclude<Source, { kind: 'unsplash' }>,
  dir: string,
  cdn: { urls(options: SimulatedSource): Promise<string[]> }
): Promise<Result<ResolvedUrls>> {
  if (source.kind === 'urls') return resolveUrlList(source.urls, source.imageSize)
  const { count, sizeKB } = source.simulated
  const noRoom = await freeSpaceProblem(dir, count * sizeKB * 1024)
  if (noRoom) return { ok: false, error: noRoom }
  try {
    return {
      ok: true,
      value: {
        urls: await cdn.urls(source.simulated),
        sourceLabel: simulatedLabel(source.simulated),
        sourceKey: simulatedKey(source.simulated)
      }
    }
  } catch (error) {
    return { ok: false, error: `The simulated CDN could not start: ${(error as Error).message}` }
  }
}

/** Checks a pasted list as the window does and applies the size choice. */
export function resolveUrlList(
  urls: readonly string[],
  imageSize: ImageSize
): Result<ResolvedUrls> {
  const parsed = parseUrlList(urls.join('\n'))
  const first = parsed.invalid[0]
  if (first) {
    const more = parsed.invalid.length > 1 ? ` (and ${parsed.invalid.length - 1} more)` : ''
    return { ok: false, error: `URL ${first.line} cannot be downloaded: ${first.error}${more}` }
  }
  if (parsed.urls.length === 0) return { ok: false, error: 'There are no URLs to download' }
  const sized = parsed.urls.map((url) => applyImageSize(url, imageSize))
  return {
    ok: true,
    value: {
      urls: sized,
      sourceLabel: urlListLabel(parsed.urls, imageSize),
      sourceKey: hash({ urls: sized })
    }
  }
}

function urlListLabel(urls: string[], imageSize: ImageSize): string {
  const size = imageSize === 'original' ? '' : `, ${imageSize} px wide`
  const isTutorial =
    urls.length === TUTORIAL_URLS.length && urls.every((url, i) => url === TUTORIAL_URLS[i])
  if (isTutorial) return `the tutorial’s ${urls.length} Unsplash photos${size}`
  const hosts = [...new Set(urls.map((url) => new URL(url).hostname))]
  const shown =
    hosts.slice(0, 2).join(', ') + (hosts.length > 2 ? ` and ${hosts.length - 2} more` : '')
  return `${urls.length} URL${urls.length === 1 ? '' : 's'} from ${shown}${size}`
}

export function simulatedLabel(s: SimulatedSource): string {
  const bandwidth = s.bandwidthKBps === 0 ? 'unlimited' : `${s.bandwidthKBps} KB/s`
  const pixels = s.photoPixels ? `, ${s.photoPixels.width} × ${s.photoPixels.height} px` : ''
  return `simulated CDN (${s.count} × ${s.sizeKB} KB${pixels}, ${s.latencyMs} ms, ${bandwidth})`
}

export function simulatedKey(s: SimulatedSource): string {
  const numbers = [s.count, s.sizeKB, s.latencyMs, s.bandwidthKBps]
  // Small photos keep the key they had before photos came in sizes.
  if (s.photoPixels) numbers.push(s.photoPixels.width, s.photoPixels.height)
  return hash({ simulated: numbers })
}

export function sleepLabel(request: SleepRequest): string {
  const shown = request.seconds.slice(0, 6).join(', ') + (request.seconds.length > 6 ? ', …' : '')
  return `sleep ${shown} s (${request.mode})`
}

/** The order of results changes nothing in the timing, so it is not part of the key. */
export function sleepKey(request: SleepRequest): string {
  return hash({ sleep: request.seconds, mode: request.mode })
}
