import type {
  DownloadLimits,
  ExistingPolicy,
  ProcessKernel,
  SleepMode,
  SleepOrder,
  Strategy
} from '../../../common/defaults.ts'
import type { ImageSize, SimulatedSource } from '../../../common/schemas.ts'
import type { UnsplashClient } from '../../../engine/unsplash/client.ts'
import type { PhotoDownloadSummary } from '../../../engine/unsplash/download-photos.ts'
import type { UnsplashPhoto } from '../../../engine/unsplash/photo.ts'
import type {
  DownloadRunOptions,
  RunSummary,
  SleepRunOptions,
  SleepSummary
} from '../../../engine/run.ts'
import type {
  PipelineRunOptions,
  ProcessRunOptions,
  ProcessSummary
} from '../../../engine/run-types.ts'

/** The engine a run controller runs (tests give another, and may leave out the processing runs). */
export interface Engine {
  runDownloads(options: DownloadRunOptions): Promise<RunSummary>
  runSleep(options: SleepRunOptions): Promise<SleepSummary>
  runProcessing?(options: ProcessRunOptions): Promise<ProcessSummary>
  runPipeline?(options: PipelineRunOptions): Promise<RunSummary>
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
  /** Photos picked from Unsplash: tracked and credited as Unsplash asks (unsplash-run.ts). */
  unsplash?: UnsplashPhotos
}

/** A run's Unsplash photos, in the order of its URLs, and the client with the user's key. */
export interface UnsplashPhotos {
  client: UnsplashClient
  photos: UnsplashPhoto[]
  size: ImageSize
  /** Told when the run has ended: the rate limit its tracking calls left. */
  onEnded(summary: PhotoDownloadSummary): void
}

export interface SleepRun extends Common {
  kind: 'sleep'
  seconds: number[]
  mode: SleepMode
  order: SleepOrder
}

/** How a processing run (or a pipeline's processing stage) computes. */
export interface ProcessKnobs {
  kernel: ProcessKernel
  blur: number
  maxSize: number
}

/** Processes the images a download saved: the folder and names come from the service's history. */
export interface ProcessRun extends Common, ProcessKnobs {
  kind: 'process'
  /** The download's folder, and the names it saved there. */
  inDir: string
  files: string[]
  /** `processed/` inside `inDir`. */
  outDir: string
  /** The download's `sourceKey`: the runs compared with this one processed the same images. */
  inputKey: string
  /** Thumbnails the download already made (path inside the thumbnail folder), by input path. */
  inputThumbnails: ReadonlyMap<string, string>
  existing?: ExistingPolicy
}

/** Download and process: each image is processed as soon as it is saved. */
export interface PipelineRun extends Omit<DownloadRun, 'kind'> {
  kind: 'pipeline'
  /** The download's own `sourceKey`: its "download, then process" runs are keyed by it. */
  inputKey: string
  process: ProcessKnobs & { strategy: Strategy; concurrency: number; outDir: string }
}

export type AnyRun = DownloadRun | SleepRun | ProcessRun | PipelineRun
