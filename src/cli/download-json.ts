import type { RunSummary } from '../engine/run.ts'

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
    tasks: summary.tasks.map((task) => ({
      url: task.label,
      file: task.file ?? null,
      status: task.status,
      bytes: task.bytes,
      startMs: task.startMs,
      endMs: task.endMs,
      lane: task.lane,
      ...(task.message ? { message: task.message } : {}),
      ...(task.error ? { error: task.error } : {})
    }))
  }
}
