import { join } from 'node:path'
import type { TaskRecord } from '../common/events.ts'
import type { ProcessSummary } from '../engine/run-process.ts'

/**
 * One processed image in `--json`: the image read (`file`), the one written (`out`, null when
 * none was), and when and on which lane it ran, as a download's task is.
 */
export function processTaskJson(task: TaskRecord, input: string | null): object {
  return {
    file: input,
    out: task.file ?? null,
    status: task.status,
    startMs: task.startMs,
    endMs: task.endMs,
    lane: task.lane,
    ...(task.message ? { message: task.message } : {}),
    ...(task.error ? { error: task.error } : {})
  }
}

/** The shape of `process --json`, download's with the kernel and sizes; `inDir`: the folder read. */
export function processSummaryJson(summary: ProcessSummary, inDir: string): object {
  const { strategy, kernel, concurrency, elapsedMs, ok, failed, cancelled } = summary
  return {
    strategy,
    kernel,
    concurrency,
    elapsedMs,
    ok,
    failed,
    cancelled,
    blur: summary.blur,
    maxSize: summary.maxSize,
    inDir,
    outDir: summary.outDir,
    tasks: summary.tasks.map((task) => processTaskJson(task, join(inDir, task.label)))
  }
}
