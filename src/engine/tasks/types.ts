import type { ErrorCode } from '../../common/errors.ts'
import type { KeptPart, Task, TaskResult } from '../../common/tasks.ts'

/** How a task ended: its result, or what it threw (a CancelledError when it was cancelled). */
export type Outcome<T extends Task = Task> = { value: TaskResult<T> } | { error: unknown }

/** What a running task reports besides its result. */
export type TaskNotice =
  | { type: 'progress'; bytes: number; total: number | null }
  | { type: 'retry'; attempt: number; code: ErrorCode; message: string; delayMs: number }
  /** The body fell under the stall guard's floor (`stalled`), or came back above it. */
  | { type: 'stall'; stalled: boolean; bytesPerSecond: number }
  /** A download's `.part` file can be resumed from here on (for the app's Resume). */
  | { type: 'part'; part: KeptPart }

export interface TaskContext {
  signal: AbortSignal
  notify(notice: TaskNotice): void
  /**
   * A shared cell set to 1 (and notified) when the task is cancelled from another
   * thread: the only way to reach a thread blocked in Atomics.wait or a busy loop.
   */
  stopCell?: Int32Array
}
