import type { ErrorCode } from '../../common/errors.ts'
import type { Task, TaskResult } from '../../common/tasks.ts'
import { sleepTask } from './sleep.ts'

/** What a running task reports besides its result. */
export type TaskNotice =
  | { type: 'progress'; bytes: number; total: number | null }
  | { type: 'retry'; attempt: number; code: ErrorCode; message: string; delayMs: number }

export interface TaskContext {
  signal: AbortSignal
  notify(notice: TaskNotice): void
  /**
   * A shared cell set to 1 (and notified) when the task is cancelled from another
   * thread: the only way to reach a thread blocked in Atomics.wait or a busy loop.
   */
  stopCell?: Int32Array
}

/**
 * One registry for the main thread and the workers: a task is data, this runs it.
 * The download code (and undici) loads on first use, so a worker that only
 * sleeps starts in a few milliseconds.
 */
export async function runTask<T extends Task>(
  task: T,
  context: TaskContext
): Promise<TaskResult<T>> {
  switch (task.kind) {
    case 'sleep':
      return (await sleepTask(task, context)) as TaskResult<T>
    case 'download': {
      const { downloadTask } = await import('./download.ts')
      return (await downloadTask(task, context)) as TaskResult<T>
    }
  }
}
