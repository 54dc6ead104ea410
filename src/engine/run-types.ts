import type {
  DownloadLimits,
  ExistingPolicy,
  SleepMode,
  SleepOrder,
  Strategy
} from '../common/defaults.ts'
import type { RunEvent, RunKind, RunTotals, TaskRecord } from '../common/events.ts'
import type { SleepResult } from '../common/tasks.ts'
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
