import type { TaskRecord } from '../common/events.ts'
import type { RunSummary } from '../engine/run.ts'
import { MadeList } from './print-json.ts'

/** One download's entry in `download --json`'s `tasks`. */
export function taskJson(task: TaskRecord): object {
  return {
    url: task.label,
    file: task.file ?? null,
    status: task.status,
    bytes: task.bytes,
    startMs: task.startMs,
    endMs: task.endMs,
    lane: task.lane,
    ...(task.message ? { message: task.message } : {}),
    ...(task.error ? { error: task.error } : {})
  }
}

/** The shape of `download --json`. */
export function summaryJson(summary: RunSummary): object {
  const { strategy, concurrency, elapsedMs, ok, failed, cancelled, bytes } = summary
  return {
    strategy,
    concurrency,
    elapsedMs,
    ok,
    failed,
    cancelled,
    bytes,
    // Each made as it is printed: a run of 10,000 holds no second list of them at its end.
    tasks: new MadeList(summary.tasks, taskJson)
  }
}
