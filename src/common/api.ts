import type { MENU_COMMANDS } from './channels.ts'
import type { RunEvent, RunKind, RunTotals, TaskRecord } from './events.ts'
import type { ProcessKernel, Strategy, SleepMode } from './defaults.ts'
import type {
  DownloadRequest,
  ErrorReport,
  PipelineRequest,
  ProcessRequest,
  Settings,
  SettingsPatch,
  SimulatedSource,
  SleepRequest,
  Source
} from './schemas.ts'
import type {
  UnsplashLinkTarget,
  UnsplashSearchRequest,
  UnsplashSearchResult,
  UnsplashStatus
} from './unsplash.ts'

/** A finished (or interrupted) run, as the history keeps it. */
export interface RunRecord extends RunTotals {
  runId: string
  kind: RunKind
  strategy: Strategy
  concurrency: number
  /** A short description of the source: `simulated CDN (15 × 3584 KB, 150 ms, 20480 KB/s)`. */
  sourceLabel: string
  /** Same list and source gives the same key: what "speedup over sequential" compares. */
  sourceKey: string
  mode?: SleepMode
  dir?: string
  /** The simulated CDN's settings, when it was the source: what makes its ideal time exact. */
  simulated?: SimulatedSource
  /** Processing and pipeline runs: the kernel, the blur, the longest side and the folder written to. */
  kernel?: ProcessKernel
  blur?: number
  maxSize?: number
  outDir?: string
  /** A processing run: the `sourceKey` of the download whose images it processed. */
  inputKey?: string
  startedAt: number
  count: number
  /** The app quit while the run went on. */
  interrupted: boolean
  /** The run that Resume started for this interrupted one's unfinished images. */
  resumedBy?: string
  tasks: TaskRecord[]
}

export interface AppInfo {
  version: string
  platform: string
  cpuCount: number
  /** min(32, cpuCount + 4), Python's ThreadPoolExecutor default. */
  defaultConcurrency: number
}

/** What the application menu (or its shortcut) asks the window to do. */
export type MenuCommand = (typeof MENU_COMMANDS)[number]

/** The result of a call that may be refused: main never throws across IPC. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string }

/**
 * Everything the window can ask of the main process. The preload implements it
 * over IPC; the Chromium end-to-end harness implements it over Playwright's
 * exposeBinding with the same main-process logic.
 */
export interface AppApi {
  getAppInfo(): Promise<AppInfo>
  getSettings(): Promise<Settings>
  saveSettings(patch: SettingsPatch): Promise<Result<Settings>>
  /** Starts a run; refused while another runs. */
  startDownload(request: DownloadRequest): Promise<Result<{ runId: string }>>
  startSleep(request: SleepRequest): Promise<Result<{ runId: string }>>
  /** Processes the images a download run saved, into its folder's `processed/`. */
  startProcess(request: ProcessRequest): Promise<Result<{ runId: string }>>
  /** Downloads and processes each image as soon as it is saved. */
  startPipeline(request: PipelineRequest): Promise<Result<{ runId: string }>>
  /** Cancels the run in progress; false when none runs. */
  cancelRun(): Promise<boolean>
  /** Events of every run, in batches; returns the unsubscribe function. */
  onRunEvents(listener: (batch: RunEvent[]) => void): () => void
  getHistory(): Promise<RunRecord[]>
  /**
   * Resume: a new run of an interrupted download's unfinished images, into its folder,
   * continuing the `.part` files the quit kept when they and the server still match.
   * Named by the history's runId only; refused for a run that cannot be resumed.
   */
  resumeRun(runId: string): Promise<Result<{ runId: string }>>
  clearHistory(): Promise<void>
  /**
   * Native folder picker, the only way to change the output folder: the chosen
   * folder is saved to the settings. Null when dismissed; refused for a network
   * (UNC) or device path.
   */
  chooseFolder(): Promise<Result<string | null>>
  openFolder(): Promise<Result<void>>
  /** Only for an image the app saved that the history still lists; one answer for every refusal. */
  showInFolder(file: string): Promise<Result<void>>
  openImage(file: string): Promise<Result<void>>
  /** Drags a saved image out of the window (onto the desktop, a mail...): the same files as openImage. */
  startDrag(file: string): Promise<Result<void>>
  /** Things the user should hear once, e.g. a damaged settings file that was set aside. */
  getNotices(): Promise<string[]>
  /**
   * The events of the run going on (or of the last one) since its run-started,
   * a task's progress as its latest event only: a page that loads mid-run (a
   * reload after a crash) replays them to draw the run. Empty before any run.
   */
  getCurrentRun(): Promise<RunEvent[]>
  /** Writes an error in the window to the app's log (validated, size-capped, rate-limited). */
  reportError(report: ErrorReport): Promise<Result<void>>
  /** Where the Unsplash key comes from (never the key), the API origin and what is left of the hour. */
  getUnsplashStatus(): Promise<UnsplashStatus>
  /** Saves the key encrypted (or for the session where the system cannot encrypt); null removes it. */
  setUnsplashKey(key: string | null): Promise<Result<UnsplashStatus>>
  /** The API origin (tests, proxies, mirrors); null for the real API. */
  setUnsplashApiUrl(url: string | null): Promise<Result<UnsplashStatus>>
  /** One page of a search or a collection; the photos it shows are the ones a run may pick. */
  searchUnsplash(request: UnsplashSearchRequest): Promise<Result<UnsplashSearchResult>>
  /** Opens a shown photo's page, its photographer's profile, or how to get a key, in the browser. */
  openUnsplashLink(target: UnsplashLinkTarget): Promise<Result<void>>
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
}

export type {
  DownloadRequest,
  PipelineRequest,
  ProcessRequest,
  Settings,
  SettingsPatch,
  SleepRequest,
  Source
}
