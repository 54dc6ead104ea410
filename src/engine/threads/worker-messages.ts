import type { TaskError } from '../../common/errors.ts'
import type { Task, TaskResult } from '../../common/tasks.ts'
import type { TaskNotice } from '../tasks/types.ts'

/** Main thread → worker. */
export type ToWorker =
  /** `shared`: the task shares the thread (placement.ts), so the stop cell is not its own. */
  { type: 'run'; id: number; task: Task; shared: boolean } | { type: 'cancel'; id: number }

/** Worker → main thread. */
export type FromWorker =
  /** The thread has loaded its code and is ready for tasks. */
  | { type: 'ready' }
  | { type: 'started'; id: number }
  | { type: 'notice'; id: number; notice: TaskNotice }
  | { type: 'done'; id: number; result: TaskResult }
  | { type: 'failed'; id: number; error: TaskError }

export interface WorkerData {
  /** One Int32 cell: set to 1 and notified to stop the exclusive task that runs (never a shared one). */
  stopBuffer: SharedArrayBuffer
  /** Load the download code (and undici) before the first task: pools for download runs. */
  preloadDownloads: boolean
  /** Load the processing code (and sharp) before the first task: pools for processing runs. */
  preloadProcess?: boolean
}
