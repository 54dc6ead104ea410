import type {
  DownloadLimits,
  ExistingPolicy,
  ProcessKernel,
  SleepMode,
  SleepOrder,
  Strategy
} from '../common/defaults.ts'
import type { RunEvent, RunKind, RunTotals, TaskRecord } from '../common/events.ts'
import type { KeptPart, SleepResult } from '../common/tasks.ts'
import type { WorkerPool } from './threads/worker-pool.ts'

export interface RunOptionsBase {
  strategy: Strategy
  concurrency: number
  signal?: AbortSignal
  onEvent?: (event: RunEvent) => void
  runId?: string
  /** Worker threads kept across runs (strategy `workers`); without it the run starts and ends its own. */
  workerPool?: WorkerPool
}

export interface DownloadRunOptions extends RunOptionsBase {
  urls: string[]
  /** Folder to save into; created if missing. */
  dir: string
  limits?: Partial<DownloadLimits>
  /** A file already at an image's name: `keep` both (the default), `skip` the same image, `replace`. */
  existing?: ExistingPolicy
  /** Cancelled tasks keep the `.part` files that can be resumed (the app, when it quits). */
  keepParts?: boolean
  /** By URL index: a `.part` file a run kept, for that image to continue from. */
  resume?: readonly (KeptPart | undefined)[]
  /** With keepParts: told, by task, of each `.part` file that can be resumed, as it starts to fill. */
  onPart?: (taskId: number, part: KeptPart) => void
}

export interface SleepRunOptions extends RunOptionsBase {
  seconds: number[]
  mode: SleepMode
  /** `completed`: submit + as_completed; `submitted`: map, in input order. */
  order: SleepOrder
}

export interface RunSummary extends RunTotals {
  runId: string
  kind: RunKind
  strategy: Strategy
  concurrency: number
  tasks: TaskRecord[]
}

export interface SleepSummary extends RunSummary {
  mode: SleepMode
  order: SleepOrder
  /** In the order they were yielded. */
  results: SleepResult[]
}

/** A processing run (src/engine/run-process.ts): every image of a folder, one strategy, one kernel. */
export interface ProcessRunOptions extends RunOptionsBase {
  /** The folder of images to process, usually a download's folder. */
  inDir: string
  /** Where the results go; `processed/` inside `inDir` when absent. Created if missing. */
  outDir?: string
  /** Names inside `inDir` to process; when absent, every image directly in it, by name. */
  files?: string[]
  kernel: ProcessKernel
  /** Pillow's GaussianBlur radius (a standard deviation in px); 15 when absent. */
  blur?: number
  /** The longer side's limit in px; 1200 when absent. */
  maxSize?: number
  existing?: ExistingPolicy
}

export interface ProcessSummary extends RunSummary {
  kernel: ProcessKernel
  blur: number
  maxSize: number
  outDir: string
}

/**
 * Download and process (src/engine/run-pipeline.ts): each image is processed as soon as it is
 * saved. Tasks 0..n-1 download; task n+i processes what task i saved (TaskInfo.stage).
 */
export interface PipelineRunOptions extends DownloadRunOptions {
  process: {
    kernel: ProcessKernel
    blur?: number
    maxSize?: number
    outDir?: string
    /** The processing stage's own strategy and concurrency; the download's when absent. */
    strategy?: Strategy
    concurrency?: number
  }
}
