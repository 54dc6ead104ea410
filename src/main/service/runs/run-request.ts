import type {
  DownloadLimits,
  ExistingPolicy,
  SleepMode,
  SleepOrder,
  Strategy
} from '../../../common/defaults.ts'
import type { SimulatedSource } from '../../../common/schemas.ts'
import type {
  DownloadRunOptions,
  RunSummary,
  SleepRunOptions,
  SleepSummary
} from '../../../engine/run.ts'

/** The engine a run controller runs (tests give another). */
export interface Engine {
  runDownloads(options: DownloadRunOptions): Promise<RunSummary>
  runSleep(options: SleepRunOptions): Promise<SleepSummary>
}

export interface RunEnded {
  ok: number
  failed: number
  cancelled: number
  elapsedMs: number
}

interface Common {
  runId: string
  strategy: Strategy
  concurrency: number
  sourceLabel: string
  sourceKey: string
}

export interface DownloadRun extends Common {
  kind: 'download'
  urls: string[]
  dir: string
  /** The existing-files policy of the settings when the run started; `keep` when absent. */
  existing?: ExistingPolicy
  /** The stall guard and the proxy of this run (the engine's defaults for the rest). */
  limits?: Partial<DownloadLimits>
  simulated?: SimulatedSource
}

export interface SleepRun extends Common {
  kind: 'sleep'
  seconds: number[]
  mode: SleepMode
  order: SleepOrder
}
