import type { Readable } from 'node:stream'
import type { DownloadLimits } from '../../common/defaults.ts'
import { TaskFailure } from '../task-error.ts'

/** The window is read in quarters: a warning after half of it, the failure after all of it. */
const SLICES = 4

export interface StallReport {
  /** True when the rate fell under the floor, false when it came back above it. */
  stalled: boolean
  /** Bytes a second over the window so far. */
  bytesPerSecond: number
}

/**
 * A minimum-throughput guard on a response body. undici's body timeout restarts
 * on every chunk, so a server that trickles 100 bytes a second never trips it;
 * this measures bytes over a sliding window instead. Once the window has run for
 * half its length under `minBytesPerSecond`, `onReport` says so (the tile shows
 * "stalled"); once it has run its whole length under it, the body is destroyed
 * with a transient `stalled` failure, which the caller retries.
 *
 * It adds no listener of its own: the body's one data listener (tasks/body-pump.ts)
 * passes each chunk's size to `count`, and the caller calls `stop` once the body is
 * done, whichever way. A floor or window of 0 turns it off.
 */
export interface ThroughputGuard {
  count(bytes: number): void
  stop(): void
}

const OFF: ThroughputGuard = { count: () => undefined, stop: () => undefined }

export function guardThroughput(
  body: Readable,
  limits: Pick<DownloadLimits, 'minBytesPerSecond' | 'stallWindowMs'>,
  onReport: (report: StallReport) => void
): ThroughputGuard {
  const floor = limits.minBytesPerSecond
  const windowMs = limits.stallWindowMs
  if (!(floor > 0) || !(windowMs > 0)) return OFF
  const sliceMs = windowMs / SLICES
  const slices: number[] = []
  let current = 0
  let total = 0
  let warned = false

  const timer = setInterval(() => {
    slices.push(current)
    current = 0
    if (slices.length > SLICES) slices.shift()
    const bytes = slices.reduce((sum, n) => sum + n, 0)
    const bytesPerSecond = Math.round((bytes / (slices.length * sliceMs)) * 1000)
    const slow = bytesPerSecond < floor
    if (slow && slices.length === SLICES) {
      stop()
      body.destroy(
        new TaskFailure(
          'stalled',
          `stalled: ${bytes} bytes in the last ${seconds(windowMs)}, under the ` +
            `${floor} bytes/s floor (after ${total} bytes)`,
          { transient: true }
        )
      )
      return
    }
    if (slices.length >= SLICES / 2 && slow !== warned) {
      warned = slow
      onReport({ stalled: slow, bytesPerSecond })
    }
  }, sliceMs)
  timer.unref()
  const stop = (): void => clearInterval(timer)
  return {
    count: (bytes) => {
      current += bytes
      total += bytes
    },
    stop
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}
