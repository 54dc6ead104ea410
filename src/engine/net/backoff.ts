import type { DownloadLimits } from '../../common/defaults.ts'

/**
 * How long to wait before attempt `attempt + 1`: "full jitter" (a uniform
 * draw between 0 and the exponential step), so that many images refused at
 * once do not all come back at the same moment. A server's Retry-After is a
 * floor: the jitter is added on top of it, never taken from it. Both are
 * capped at `retryMaxDelayMs`.
 */
export function backoffDelay(
  attempt: number,
  limits: Pick<DownloadLimits, 'retryBaseDelayMs' | 'retryMaxDelayMs'>,
  retryAfterMs: number | undefined,
  random: () => number = Math.random
): number {
  const step = Math.min(limits.retryMaxDelayMs, limits.retryBaseDelayMs * 2 ** (attempt - 1))
  const jitter = random() * step
  return Math.round(Math.min(limits.retryMaxDelayMs, (retryAfterMs ?? 0) + jitter))
}
