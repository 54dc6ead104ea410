/** Seconds as the tutorial prints them: Python's round(x, 2), so 1.5, 2.01, 5.0. */
export function pythonSeconds(ms: number): string {
  const rounded = Math.round(ms / 10) / 100
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded)
}

export { formatBytes } from '../common/format-bytes.ts'

export { textTable as table } from '../common/text-table.ts'

/** Said after a comparison's table: starting the threads is not in the workers' time. */
export function threadStartLine(count: number, ms: number): string {
  const threads = count === 1 ? '1 worker thread' : `${count} worker threads`
  return `Starting ${threads} took ${pythonSeconds(ms)} s before the workers run (not in its time: the app keeps its threads across runs).`
}
