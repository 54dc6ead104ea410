import type { ProcessKernel, Strategy, SleepMode, SleepOrder } from './defaults.ts'
import type { ErrorCode } from './errors.ts'
import type { SaveOutcome } from './tasks.ts'

/** `pipeline`: each image is processed as soon as it is saved; its tasks carry their `stage`. */
export type RunKind = 'download' | 'sleep' | 'process' | 'pipeline'

/** Which half of a pipeline a task is. */
export type TaskStage = 'download' | 'process'

/** What the UI needs to draw a task before it starts. */
export interface TaskInfo {
  taskId: number
  /** The URL, or `sleep 1.5 s` for the sleep demo. */
  label: string
  /** File name it will be saved as (downloads only). */
  fileName?: string
  /** How long it sleeps (the sleep demo only). */
  seconds?: number
  /** The image a processing task reads (absolute path). */
  input?: string
  /** A pipeline's task: `download`, or the `process` of the download before it. */
  stage?: TaskStage
  /** A photo from Unsplash: `Photo by NAME on Unsplash`, shown on its tile and in the history. */
  credit?: string
}

interface EventBase {
  runId: string
  /** Milliseconds from the run's start. */
  t: number
}

export interface RunStartedEvent extends EventBase {
  type: 'run-started'
  kind: RunKind
  strategy: Strategy
  concurrency: number
  /** Wall-clock time of the start (epoch ms). */
  startedAt: number
  tasks: TaskInfo[]
  /** Output folder (downloads). */
  dir?: string
  mode?: SleepMode
  /** How a sleep run reads its results: `completed` (as_completed) or `submitted` (map). */
  order?: SleepOrder
  /** Processing runs: the kernel, the blur and the longest side, and the folder written to. */
  kernel?: ProcessKernel
  /** A pipeline's processing stage: its own strategy, which may differ from the download's. */
  processStrategy?: Strategy
  blur?: number
  maxSize?: number
  outDir?: string
}

export interface TaskStartedEvent extends EventBase {
  type: 'task-started'
  taskId: number
  /** Its lane, from 0: the executor's slot (below its concurrency), which no other running task holds. */
  lane: number
  /**
   * The worker thread that carries it, from 0 (the workers strategy only). A sleep
   * or processing task has its thread to itself; downloads share a few threads.
   */
  thread?: number
}

export interface TaskProgressEvent extends EventBase {
  type: 'task-progress'
  taskId: number
  bytes: number
  /** From Content-Length; null when the server did not say. */
  total: number | null
}

export interface TaskRetryEvent extends EventBase {
  type: 'task-retry'
  taskId: number
  /** The attempt about to be made, from 2. */
  attempt: number
  code: ErrorCode
  message: string
  delayMs: number
}

/**
 * A download's body has run under the stall guard's floor for half its window
 * (`stalled: true`): the tile says "stalled" before the image fails as `stalled`.
 * `stalled: false` when it picks up again.
 */
export interface TaskStallEvent extends EventBase {
  type: 'task-stall'
  taskId: number
  stalled: boolean
  /** Bytes a second over the guard's window so far. */
  bytesPerSecond: number
}

export interface TaskFinishedEvent extends EventBase {
  type: 'task-finished'
  taskId: number
  /** Absolute path of the saved file (downloads). */
  file?: string
  bytes?: number
  /** The tutorial's line for a sleep: `Done Sleeping...1`. */
  message?: string
  /** A processed image's size. */
  width?: number
  height?: number
  /** How a download ended in the folder: `skipped` wrote nothing (the same image was there). */
  outcome?: SaveOutcome
}

export interface TaskFailedEvent extends EventBase {
  type: 'task-failed'
  taskId: number
  /** `cancelled` when the run was cancelled before or while it ran. */
  code: ErrorCode
  message: string
}

/** Emitted by the app (not the engine) when a thumbnail is ready. */
export interface TaskThumbnailEvent extends EventBase {
  type: 'task-thumbnail'
  taskId: number
  /** Which image it shows: a processing task's `input` (before), or what the task saved (the default). */
  of?: 'input' | 'output'
  url: string
  width: number
  height: number
  ms: number
}

/** Emitted by the app when a saved image could not be made into a thumbnail; the image itself is fine. */
export interface TaskThumbnailFailedEvent extends EventBase {
  type: 'task-thumbnail-failed'
  taskId: number
  message: string
  ms: number
}

/**
 * Emitted by the app once a download run has ended while the previews of its
 * saved images are still being made: `done` of `total` made or given up. The
 * run's end does not wait for them; the last of these has `done === total`.
 */
export interface PreviewsProgressEvent extends EventBase {
  type: 'previews-progress'
  done: number
  total: number
}

/**
 * Emitted by the app every ~250 ms while a run goes: each core's busy share (0..1) since the
 * sample before, from `os.cpus()` deltas, so that the window can draw one bar per core.
 */
export interface CpuSampleEvent extends EventBase {
  type: 'cpu-sample'
  cores: number[]
}

/**
 * Emitted by the app when a run has something to tell that is no image's failure: an Unsplash
 * photo's download tracking that failed, or credits that could not be written (the images stay).
 */
export interface RunNoticeEvent extends EventBase {
  type: 'run-notice'
  message: string
}

/** What a run came to: the engine's summary, its run-finished event and its history record. */
export interface RunTotals {
  elapsedMs: number
  ok: number
  failed: number
  cancelled: number
  bytes: number
}

export interface RunFinishedEvent extends EventBase, RunTotals {
  type: 'run-finished'
}

export type RunEvent =
  | RunStartedEvent
  | TaskStartedEvent
  | TaskProgressEvent
  | TaskRetryEvent
  | TaskStallEvent
  | TaskFinishedEvent
  | TaskFailedEvent
  | TaskThumbnailEvent
  | TaskThumbnailFailedEvent
  | PreviewsProgressEvent
  | CpuSampleEvent
  | RunNoticeEvent
  | RunFinishedEvent

export type TaskStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled'

/** One task of a finished run, as the CLI's --json and the history keep it. */
export interface TaskRecord {
  taskId: number
  label: string
  status: Exclude<TaskStatus, 'queued' | 'running'> | 'queued'
  file?: string
  bytes: number
  startMs: number | null
  endMs: number | null
  lane: number | null
  error?: { code: ErrorCode; message: string }
  message?: string
  /** A photo from Unsplash: `Photo by NAME on Unsplash`. */
  credit?: string
}

/** An event before the run stamps it with its id and time. */
export type UnstampedRunEvent = RunEvent extends infer E
  ? E extends RunEvent
    ? Omit<E, 'runId' | 't'>
    : never
  : never
