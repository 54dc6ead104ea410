import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { cpus } from 'node:os'
import { join } from 'node:path'
import type { AppApi, AppInfo, Result, RunRecord } from '../../common/api.ts'
import { DEFAULT_STALL_SETTING, defaultConcurrency, stallLimits } from '../../common/defaults.ts'
import type { RunEvent } from '../../common/events.ts'
import { downloadRequestSchema, sleepRequestSchema } from '../../common/schemas.ts'
import type { Settings } from '../../common/schemas.ts'
import { runDownloads, runSleep } from '../../engine/run.ts'
import type { WorkerPool } from '../../engine/threads/worker-pool.ts'
import { createEventBatcher } from './runs/event-batcher.ts'
import { keptWorkerPool } from './runs/kept-worker-pool.ts'
import { createFileAccess, FILE_NOT_ALLOWED } from './file-access-policy.ts'
import { openHistoryStore } from './stores/history-store.ts'
import type { LoggerPort } from './logger-port.ts'
import { createRendererErrorLog } from './renderer-errors.ts'
import { createRunReplay } from './runs/run-replay.ts'
import { cleanUpInterruptedRuns } from './stores/interrupted-runs.ts'
import { createRunController, RUN_IN_PROGRESS } from './runs/run-controller.ts'
import type { Engine, RunEnded } from './runs/run-controller.ts'
import { resolveSource, sleepKey, sleepLabel } from './runs/run-sources.ts'
import { createOutputFolder } from './output-folder-policy.ts'
import { workerThreadProblem } from './runs/run-limits.ts'
import { openSettingsStore } from './stores/settings-store.ts'
import { createSimulatedSource } from './runs/simulated-source.ts'
import { systemProxySetting } from './system-proxy.ts'
import type { ProxyPort } from './system-proxy.ts'
import type { StartCdn } from './runs/simulated-source.ts'
import { createThumbnailer } from './thumbnails/thumbnails.ts'
import type { Thumbnailer } from './thumbnails/thumbnails.ts'
import { startWorkerWarmUp } from './runs/worker-warm-up.ts'
import { describeZodError } from './zod-message.ts'

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
  /** For tests: another engine or CDN. */
  engine?: Engine
  startSimulatedCdn?: StartCdn
  /** Another thumbnailer (the benchmark's row without thumbnails). */
  thumbnailer?: Thumbnailer
  log?: (message: string) => void
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

const defaultStartCdn: StartCdn = async (options) => {
  const { startSimulatedCdn } = await import('../../engine/simulated-cdn/index.ts')
  return startSimulatedCdn(options)
}

export async function createAppService(options: AppServiceOptions): Promise<AppService> {
  const log = options.log ?? ((message: string) => console.warn(`[app] ${message}`))
  const cpuCount = options.cpuCount ?? cpus().length
  const notices: string[] = []
  const onNotice = (message: string): void => void notices.push(message)

  const settings = await openSettingsStore({
    userDataDir: options.userDataDir,
    defaultOutputDir: options.defaultOutputDir,
    cpuCount,
    onNotice
  })
  const history = await openHistoryStore({ userDataDir: options.userDataDir, onNotice })
  await cleanUpInterruptedRuns(history).catch((e: Error) => log(`clean-up: ${e.message}`))

  const thumbnailDir = join(options.cacheDir, 'thumbnails')
  await mkdir(thumbnailDir, { recursive: true })
  const thumbnailer =
    options.thumbnailer ?? createThumbnailer({ dir: thumbnailDir, concurrency: 2 })
  await thumbnailer.prune(history.list().map((r) => r.runId))

  const outputFolder = await createOutputFolder({
    settings,
    chooseFolder: (defaultPath) => options.dialog.chooseFolder(defaultPath),
    defaultDir: options.defaultOutputDir,
    platform: options.platform,
    onNotice
  })
  // The images runs saved: the only files a page may ask the system to show or open.
  const fileAccess = createFileAccess()
  fileAccess.sync(history.list(), undefined)

  const listeners = new Set<(batch: RunEvent[]) => void>()
  // What a page that loads mid-run replays, and where the window's errors are logged.
  const replay = createRunReplay()
  listeners.add((batch) => replay.push(batch))
  const rendererErrors = createRendererErrorLog({
    logger: options.logger ?? { info: log, warn: log, error: log }
  })
  let lastFraction: number | null = null
  const batcher = createEventBatcher({
    intervalMs: options.batchIntervalMs ?? 50,
    deliver(batch) {
      for (const listener of listeners) {
        try {
          listener(batch)
        } catch (error) {
          log(`run event listener: ${(error as Error).message}`)
        }
      }
      const fraction = controller.progress()
      if (fraction !== null && fraction !== lastFraction) options.onRunProgress?.(fraction)
      lastFraction = fraction
    }
  })

  // The threads of a `workers` run are kept for the next one: a second run does not pay
  // their start-up again. After a minute idle they end and give their memory back.
  const workerPool = options.workerPool ?? keptWorkerPool(options.workerEntry)
  const controller = createRunController({
    engine: options.engine ?? { runDownloads, runSleep },
    history,
    thumbnailer,
    thumbnailUrl: options.thumbnailUrl,
    emit: (event) => {
      fileAccess.note(event)
      batcher.push(event)
    },
    onRunEnded: (_runId, ended) => {
      fileAccess.sync(history.list(), undefined)
      lastFraction = null
      options.onRunProgress?.(null, ended)
    },
    workerPool,
    log
  })
  // The service's own pool warms up in the background (worker-warm-up.ts); a caller's is its own.
  const warmUp = options.workerPool
    ? undefined
    : startWorkerWarmUp({
        pool: workerPool,
        settings: settings.get(),
        cpuCount,
        isRunning: () => controller.activeRunId !== undefined,
        log
      })
  const cdn = createSimulatedSource(options.startSimulatedCdn ?? defaultStartCdn)
  let starting = false

  /** Refuses a second start at once, even while the first is still preparing. */
  async function startOne(
    prepare: () => Promise<Result<{ runId: string }>>
  ): Promise<Result<{ runId: string }>> {
    if (starting || controller.activeRunId) return { ok: false, error: RUN_IN_PROGRESS }
    starting = true
    try {
      return await prepare()
    } finally {
      starting = false
    }
  }

  async function withSavedFile(
    file: unknown,
    act: (path: string) => Promise<Result<void>>
  ): Promise<Result<void>> {
    const found = await fileAccess.resolve(file)
    return found ? act(found) : { ok: false, error: FILE_NOT_ALLOWED }
  }

  const service: AppService = {
    thumbnailDir,

    async getAppInfo(): Promise<AppInfo> {
      return {
        version: options.appVersion,
        platform: options.platform ?? process.platform,
        cpuCount,
        defaultConcurrency: defaultConcurrency(cpuCount)
      }
    },

    async getSettings(): Promise<Settings> {
      return settings.get()
    },

    saveSettings: async (patch) => {
      const saved = await settings.save(patch)
      if (saved.ok) warmUp?.settingsChanged(saved.value)
      return saved
    },

    startDownload: (request) =>
      startOne(async () => {
        const parsed = downloadRequestSchema.safeParse(request)
        if (!parsed.success)
          return { ok: false, error: describeZodError('download request', parsed.error) }
        const { strategy, concurrency, source } = parsed.data
        const tooMany = workerThreadProblem(strategy, concurrency, cpuCount)
        if (tooMany) return { ok: false, error: tooMany }
        const dir = await outputFolder.prepare()
        if (!dir.ok) return dir
        const resolved = await resolveSource(source, dir.value, cdn)
        if (!resolved.ok) return resolved
        const { urls, sourceLabel, sourceKey } = resolved.value
        return controller.start({
          kind: 'download',
          runId: randomUUID(),
          strategy,
          concurrency,
          urls,
          dir: dir.value,
          existing: settings.get().existing,
          limits: {
            ...stallLimits(settings.get().stall ?? DEFAULT_STALL_SETTING),
            proxy: await systemProxySetting(urls, options.proxy, log)
          },
          sourceLabel,
          sourceKey,
          ...(source.kind === 'simulated' ? { simulated: source.simulated } : {})
        })
      }),

    startSleep: (request) =>
      startOne(async () => {
        const parsed = sleepRequestSchema.safeParse(request)
        if (!parsed.success)
          return { ok: false, error: describeZodError('sleep request', parsed.error) }
        const tooMany = workerThreadProblem(parsed.data.strategy, parsed.data.concurrency, cpuCount)
        if (tooMany) return { ok: false, error: tooMany }
        return controller.start({
          kind: 'sleep',
          runId: randomUUID(),
          ...parsed.data,
          sourceLabel: sleepLabel(parsed.data),
          sourceKey: sleepKey(parsed.data)
        })
      }),

    async cancelRun() {
      return controller.cancel()
    },

    onRunEvents(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },

    async getHistory(): Promise<RunRecord[]> {
      // The run in progress is recorded as interrupted until it ends: not history yet.
      const active = controller.activeRunId
      return history.list().filter((record) => record.runId !== active)
    },

    async clearHistory() {
      await controller.stopPreviews()
      await history.clear()
      const active = controller.activeRunId
      fileAccess.sync([], active)
      await thumbnailer.prune(active ? [active] : [])
    },

    chooseFolder: () => outputFolder.choose(),

    async openFolder() {
      const dir = await outputFolder.prepare()
      if (!dir.ok) return dir
      const error = await options.shell.openPath(dir.value)
      return error
        ? { ok: false, error: `The folder could not be opened: ${error}` }
        : { ok: true, value: undefined }
    },

    showInFolder: (file) =>
      withSavedFile(file, async (path) => {
        options.shell.showItemInFolder(path)
        return { ok: true, value: undefined }
      }),

    startDrag: (file) =>
      withSavedFile(file, async (path) => {
        if (!options.drag) return { ok: false, error: 'Dragging a file out needs the desktop app' }
        options.drag.startDrag(path)
        return { ok: true, value: undefined }
      }),

    openImage: (file) =>
      withSavedFile(file, async (path) => {
        // An SVG opens in a browser, where a file: page can read what is beside it (issue 19.5).
        if (/\.svgz?$/i.test(path)) {
          options.shell.showItemInFolder(path)
          return { ok: true, value: undefined }
        }
        const error = await options.shell.openPath(path)
        return error
          ? { ok: false, error: `The image could not be opened: ${error}` }
          : { ok: true, value: undefined }
      }),

    async getNotices() {
      return notices.splice(0)
    },

    getCurrentRun: async () => replay.events(),

    reportError: async (report) => rendererErrors.report(report),

    async dispose() {
      warmUp?.stop()
      controller.cancel('quit')
      await controller.idle()
      batcher.flush()
      batcher.dispose()
      listeners.clear()
      await cdn.close()
      if (!options.workerPool) await workerPool.close()
      await Promise.all([settings.flush(), history.flush()])
    }
  }
  return service
}
