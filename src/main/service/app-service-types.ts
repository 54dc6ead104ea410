import type { AppApi } from '../../common/api.ts'
import type { WorkerPool } from '../../engine/threads/worker-pool.ts'
import type { LoggerPort } from './logger-port.ts'
import type { CpuSampler } from './processing/cpu-sampler.ts'
import type { Engine, RunEnded } from './runs/run-controller.ts'
import type { StartCdn } from './runs/simulated-source.ts'
import type { ProxyPort } from './system-proxy.ts'
import type { Thumbnailer } from './thumbnails/thumbnails.ts'
import type { OpenExternal } from './unsplash/unsplash-calls.ts'
import type { SecretCipher } from './unsplash/unsplash-store.ts'

export interface ShellPort {
  /** Resolves to an error message, or '' on success (as Electron's shell.openPath). */
  openPath(path: string): Promise<string>
  showItemInFolder(path: string): void
}

export interface DialogPort {
  /** The chosen folder, or null when dismissed. */
  chooseFolder(defaultPath: string): Promise<string | null>
}

/** Drags a file out of the window, as Electron's webContents.startDrag. */
export interface DragPort {
  startDrag(path: string): void
}

export interface AppServiceOptions {
  userDataDir: string
  /** The app's cache folder; thumbnails go in its `thumbnails` folder. */
  cacheDir: string
  /** Where images go until the user chooses: `<Pictures>/<app name>`. */
  defaultOutputDir: string
  appVersion: string
  cpuCount?: number
  /** The platform whose path rules apply to the output folder (tests pass `win32`). */
  platform?: string
  /** The engine's worker file, when the host bundles it (electron-vite's `?modulePath`). */
  workerEntry?: string | URL
  /** For tests: the worker threads kept across runs (else the service keeps its own). */
  workerPool?: WorkerPool
  /** The URL the window loads a thumbnail from, given its path inside the thumbnail folder. */
  thumbnailUrl: (relPath: string) => string
  shell: ShellPort
  dialog: DialogPort
  /** Where the host can drag a file out of its window (Electron); without it, startDrag is refused. */
  drag?: DragPort
  /** The system's proxy for a URL (Electron's session.resolveProxy); without it, runs go direct. */
  proxy?: ProxyPort
  /** A run's share done (0..1), or null with its totals once it has ended: for a taskbar progress bar. */
  onRunProgress?: (fraction: number | null, runEnded?: RunEnded) => void
  /** Shortest time between two event batches. */
  batchIntervalMs?: number
  /** For tests: another engine or CDN. An engine without the processing runs gets the real ones. */
  engine?: Engine
  /** For tests: another source of the CPU gauge's samples. */
  cpuSampler?: CpuSampler
  startSimulatedCdn?: StartCdn
  /** Another thumbnailer (the benchmark's row without thumbnails). */
  thumbnailer?: Thumbnailer
  log?: (message: string) => void
  /** Keeps the Unsplash key encrypted (Electron's safeStorage); without one, a key lasts the session. */
  secretCipher?: SecretCipher
  /** Opens an unsplash.com page in the browser (Electron's shell.openExternal). */
  openExternal?: OpenExternal
  /** UNSPLASH_ACCESS_KEY and UNSPLASH_API_URL (process.env when absent). */
  env?: NodeJS.ProcessEnv
  /** The app's log file, by level (else `log`): the window's error reports go there. */
  logger?: LoggerPort
}

/** Everything the window can ask, less the menu's commands, which come from Electron's menu. */
export interface AppService extends Omit<AppApi, 'onMenuCommand'> {
  /** The folder the thumbnail scheme serves, and nothing outside it. */
  readonly thumbnailDir: string
  /** One-time messages for the user (a damaged settings file was reset...); each is returned once. */
  getNotices(): Promise<string[]>
  /**
   * Cancels a run (recorded as interrupted: the app quit during it), waits for
   * it to end, stops the simulated CDN and flushes the stores.
   */
  dispose(): Promise<void>
}
