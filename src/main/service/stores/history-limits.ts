import type { RunRecord } from '../../../common/api.ts'

/**
 * What the history keeps, so that its file stays small and quick to read
 * whatever the runs were. A page may send 10,000 URLs of 8 KB a run: kept
 * whole, 8 such runs made a 501 MB history.json that could no longer be
 * written (`Invalid string length`) and took seconds to read.
 *
 * - A URL is stored once, as its task's label, cut to HISTORY_LABEL_CHARS
 *   (the saved file's name, at most 255 bytes, says which image it was); the
 *   run's source label is cut the same way and messages to HISTORY_TEXT_CHARS.
 * - Across the history, the tasks of the newest runs are kept up to
 *   HISTORY_TASK_BUDGET in all. An older run beyond it keeps its totals (count,
 *   bytes, elapsed time, outcome: what the comparisons use) and drops its task
 *   list, so it draws no timeline and its images can no longer be opened from
 *   the app. The newest run always keeps its tasks (a run has at most 10,000).
 */
export const HISTORY_LABEL_CHARS = 200
export const HISTORY_TEXT_CHARS = 300
export const HISTORY_TASK_BUDGET = 20_000

/** `text` cut to `max` characters with an ellipsis, never inside a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text
  let end = max - 1
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return `${text.slice(0, end)}…`
}

/**
 * A copy of `record` with its long texts cut, for the store to keep. The cut
 * texts are copied again by structuredClone, so that none keeps its long
 * original alive (V8 may make a short slice share its parent's memory).
 */
export function boundedCopy(record: RunRecord): RunRecord {
  return structuredClone({
    ...record,
    sourceLabel: cut(record.sourceLabel, HISTORY_LABEL_CHARS),
    tasks: record.tasks.map((task) => ({
      ...task,
      label: cut(task.label, HISTORY_LABEL_CHARS),
      ...(task.message === undefined ? {} : { message: cut(task.message, HISTORY_TEXT_CHARS) }),
      ...(task.error
        ? { error: { ...task.error, message: cut(task.error.message, HISTORY_TEXT_CHARS) } }
        : {})
    }))
  })
}

/** Cuts the long texts of one record in place; true when something was cut. */
function boundTexts(record: RunRecord): boolean {
  let changed = false
  const bounded = (text: string, max: number): string => {
    const short = cut(text, max)
    if (short !== text) changed = true
    return short
  }
  record.sourceLabel = bounded(record.sourceLabel, HISTORY_LABEL_CHARS)
  for (const task of record.tasks) {
    task.label = bounded(task.label, HISTORY_LABEL_CHARS)
    if (task.message !== undefined) task.message = bounded(task.message, HISTORY_TEXT_CHARS)
    if (task.error) task.error.message = bounded(task.error.message, HISTORY_TEXT_CHARS)
  }
  return changed
}

/**
 * Applies the limits to runs, newest first, in place; true when anything was
 * cut or dropped (the file is then rewritten).
 */
export function boundHistory(runs: RunRecord[], taskBudget = HISTORY_TASK_BUDGET): boolean {
  let changed = false
  let tasksKept = 0
  runs.forEach((record, index) => {
    if (boundTexts(record)) changed = true
    if (index > 0 && tasksKept + record.tasks.length > taskBudget) {
      if (record.tasks.length > 0) changed = true
      record.tasks = []
    }
    tasksKept += record.tasks.length
  })
  return changed
}
