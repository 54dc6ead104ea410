import type { RunView } from './run-state.ts'

/** Shorter than this, a first start is not worth a word. */
const NOTICEABLE_MS = 100

/**
 * How long a workers run waited before its first task started: its threads
 * starting up (the first run's, or after the app ended idle ones). Null for the
 * other strategies, or a start too quick to notice.
 */
export function threadStartMs(run: RunView): number | null {
  if (run.strategy !== 'workers') return null
  let first: number | null = null
  for (const task of run.tasks) {
    if (task.startMs !== null && (first === null || task.startMs < first)) first = task.startMs
  }
  return first !== null && first >= NOTICEABLE_MS ? first : null
}
