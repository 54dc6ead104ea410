import type { RunView, TaskView } from './run-state.ts'
import { strings } from '../strings/index.ts'
import { formatBytes } from './format.ts'

/** Below this, a rate is mostly noise: no speed or time left yet. */
const SETTLING_MS = 1000

/**
 * Bytes still to come: what running images have left of their size, and for
 * images not started (or of unknown size) the average size seen so far. Null
 * while no size is known.
 */
export function bytesLeft(tasks: readonly TaskView[]): number | null {
  let known = 0
  let knownCount = 0
  for (const task of tasks) {
    const size = task.status === 'done' ? task.bytes : task.total
    if (size !== null && size > 0 && task.status !== 'failed' && task.status !== 'cancelled') {
      known += size
      knownCount++
    }
  }
  if (knownCount === 0) return null
  const average = known / knownCount
  let left = 0
  for (const task of tasks) {
    if (task.status === 'running')
      left += task.total !== null ? Math.max(0, task.total - task.bytes) : average
    else if (task.status === 'queued') left += average
  }
  return left
}

export interface Pace {
  /** Bytes a second since the first image started. */
  bytesPerSecond: number
  /** Null when there is no size to go by. */
  leftMs: number | null
}

/**
 * How fast a download run goes and how long it has left, as a browser's
 * download panel says it. The rate counts from the first image's start, so
 * that worker threads starting up do not read as a slow network.
 */
export function paceOf(run: RunView, elapsedMs: number): Pace | null {
  if (run.kind !== 'download' || run.finished) return null
  let first: number | null = null
  for (const task of run.tasks) {
    if (task.startMs !== null && (first === null || task.startMs < first)) first = task.startMs
  }
  if (first === null) return null
  const span = elapsedMs - first
  if (span < SETTLING_MS || run.bytes <= 0) return null
  const bytesPerSecond = (run.bytes / span) * 1000
  const left = bytesLeft(run.tasks)
  return { bytesPerSecond, leftMs: left === null ? null : (left / bytesPerSecond) * 1000 }
}

/** `2.1 MB/s`. */
export function formatSpeed(bytesPerSecond: number): string {
  return strings.run.speed(formatBytes(bytesPerSecond))
}

/** `about 12 s left`, `about 3 min left`. */
export function formatTimeLeft(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000))
  if (seconds < 90) return strings.run.secondsLeft(seconds)
  return strings.run.minutesLeft(Math.round(seconds / 60))
}
