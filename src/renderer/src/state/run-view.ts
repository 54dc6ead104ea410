import type { ProcessKernel, SleepMode, SleepOrder, Strategy } from '../../../common/defaults.ts'
import type { ErrorCode, TaskError } from '../../../common/errors.ts'
import type { RunKind, RunTotals, TaskStage, TaskStatus } from '../../../common/events.ts'

/* The window's picture of the runs: what the reducer in run-state.ts folds the events into. */

export interface TaskView {
  taskId: number
  label: string
  fileName?: string
  status: TaskStatus
  lane: number | null
  /** The worker thread that carried it (workers runs): downloads share a few, so it is not the lane. */
  thread?: number
  startMs: number | null
  endMs: number | null
  bytes: number
  /** Expected size from Content-Length; null when unknown. */
  total: number | null
  file?: string
  error?: TaskError
  /** The latest retry, while the task runs again. */
  retry?: { attempt: number; code: ErrorCode; message: string }
  /** Set while the body runs under the stall guard's floor, before it fails as `stalled`. */
  stalled?: { bytesPerSecond: number }
  thumbnail?: { url: string; width: number; height: number }
  /** A processing task's input, before: the image it reads. */
  inputThumbnail?: { url: string; width: number; height: number }
  /** A pipeline's task: downloading, or processing what the download before it saved. */
  stage?: TaskStage
  /** The size a processing task wrote. */
  size?: { width: number; height: number }
  /** Why no thumbnail could be made; the saved image itself is fine. */
  thumbnailError?: string
  /** The tutorial's result line of a sleep: `Done Sleeping...1.5`. */
  message?: string
  /** The seconds of a sleep as the label spells them (`1.5`). */
  seconds?: string
  /** A photo from Unsplash: `Photo by NAME on Unsplash`. */
  credit?: string
}

export interface ConsoleLine {
  id: number
  /** Milliseconds from the run's start. */
  t: number
  text: string
  tone: 'start' | 'result' | 'error' | 'summary'
}

export interface RunView {
  /** What the run had to say beyond its images (an Unsplash photo's tracking that failed...). */
  notices?: string[]
  runId: string
  kind: RunKind
  strategy: Strategy
  concurrency: number
  /** Wall-clock start (epoch ms). */
  startedAt: number
  dir?: string
  mode?: SleepMode
  /** Processing and pipeline runs. */
  kernel?: ProcessKernel
  /** A pipeline's processing stage, when its strategy is not the download's. */
  processStrategy?: Strategy
  blur?: number
  maxSize?: number
  /** Each core's load (0..1) at the latest sample, while the run goes. */
  cpu?: number[]
  /** Each core's load summed over the run's samples, and how many: its average once it ends. */
  cpuSum?: number[]
  cpuSamples?: number
  order: SleepOrder
  tasks: TaskView[]
  /** Task id to its index in `tasks`; fixed for the run, shared between states. */
  indexOf: ReadonlyMap<number, number>
  /** Lanes seen so far: the highest lane + 1. */
  lanes: number
  running: number
  ok: number
  failed: number
  cancelled: number
  bytes: number
  /** Time of the latest event, ms from the start. */
  lastT: number
  finished: RunTotals | null
  /** Previews made (or given up) of those asked for, once the run has ended; null before. */
  previews: { done: number; total: number } | null
  /** The sleep demo's console, in the order the lines happen. */
  console: ConsoleLine[]
  /** For map order: the index of the next task whose result line is due. */
  nextResult: number
}

export interface RunsState {
  download: RunView | null
  sleep: RunView | null
  process: RunView | null
  pipeline: RunView | null
  /** The run in flight, if any. */
  activeRunId: string | null
}
