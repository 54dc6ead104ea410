import { mkdir } from 'node:fs/promises'
import { cpus } from 'node:os'
import { join } from 'node:path'
import type { AppInfo, RunRecord } from '../../common/api.ts'
import { defaultConcurrency } from '../../common/defaults.ts'
import type { Settings } from '../../common/schemas.ts'
import { runDownloads, runSleep } from '../../engine/run.ts'
import { createRunEventHub } from './runs/run-event-hub.ts'
import { keptWorkerPool } from './runs/kept-worker-pool.ts'
import { createFileAccess } from './file-access-policy.ts'
import { createFileActions } from './file-actions.ts'
import { openHistoryStore } from './stores/history-store.ts'
import { createRendererErrorLog } from './renderer-errors.ts'
import { createRunReplay } from './runs/run-replay.ts'
import { cleanUpInterruptedRuns } from './stores/interrupted-runs.ts'
import { openKeptPartsStore } from './runs/kept-parts.ts'
import { resumableEngine, startResume } from './runs/resume-interrupted.ts'
import { createRunController } from './runs/run-controller.ts'
import type { Engine } from './runs/run-controller.ts'
import { createCpuSampler } from './processing/cpu-sampler.ts'
import { createOutputFolder, prepareOutputFolder } from './output-folder-policy.ts'
import { openSettingsStore } from './stores/settings-store.ts'
import { createSimulatedSource } from './runs/simulated-source.ts'
import type { StartCdn } from './runs/simulated-source.ts'
import { createThumbnailer } from './thumbnails/thumbnails.ts'
import { startWorkerWarmUp } from './runs/worker-warm-up.ts'
import { createUnsplashCalls } from './unsplash/unsplash-calls.ts'
import { createRunStarts } from './runs/run-starts.ts'
import type { AppService, AppServiceOptions } from './app-service-types.ts'

export type {
  AppService,
  AppServiceOptions,
  DialogPort,
  DragPort,
  ShellPort
} from './app-service-types.ts'

const defaultStartCdn: StartCdn = async (options) => {
  const { startSimulatedCdn } = await import('../../engine/simulated-cdn/index.ts')
  return startSimulatedCdn(options)
}

/** The processing runs' engine, loaded with the first of them: a download-only session never reads it. */
const processingEngine: Required<Pick<Engine, 'runProcessing' | 'runPipeline'>> = {
  runProcessing: async (o) => (await import('../../engine/run-process.ts')).runProcessing(o),
  runPipeline: async (o) => (await import('../../engine/run-pipeline.ts')).runPipeline(o)
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
  // The `.part` files a quit kept for the history's Resume (runs/resume-interrupted.ts).
  const keptParts = await openKeptPartsStore({ userDataDir: options.userDataDir, log })
  await cleanUpInterruptedRuns(history, keptParts).catch((e: Error) =>
    log(`clean-up: ${e.message}`)
  )

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

  // Every run's events, batched for the window, with the run's share done beside them.
  const events = createRunEventHub({
    intervalMs: options.batchIntervalMs ?? 50,
    onRunProgress: options.onRunProgress,
    log
  })
  // What a page that loads mid-run replays, and where the window's errors are logged.
  const replay = createRunReplay()
  events.listen((batch) => replay.push(batch))
  const rendererErrors = createRendererErrorLog({
    logger: options.logger ?? { info: log, warn: log, error: log }
  })

  // The threads of a `workers` run are kept for the next one: a second run does not pay
  // their start-up again. After a minute idle they end and give their memory back.
  const workerPool = options.workerPool ?? keptWorkerPool(options.workerEntry)
  let quitting = false
  const engine = resumableEngine(
    { runDownloads, runSleep, ...processingEngine, ...options.engine },
    { store: keptParts, quitting: () => quitting, log }
  )
  const controller = createRunController({
    engine,
    history,
    thumbnailer,
    thumbnailUrl: options.thumbnailUrl,
    emit: (event) => {
      fileAccess.note(event)
      events.push(event)
    },
    onRunEnded: (_runId, ended) => {
      fileAccess.sync(history.list(), undefined)
      events.runEnded(ended)
    },
    workerPool,
    cpuSampler: options.cpuSampler ?? createCpuSampler(),
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
  // Search with the user's own key; a run names the photos it showed by id (unsplash-calls.ts).
  const { resolve: resolveUnsplash, ...unsplashCalls } = await createUnsplashCalls({
    userDataDir: options.userDataDir,
    cipher: options.secretCipher,
    env: options.env ?? process.env,
    openExternal: options.openExternal
  })
  // What the window may open, reveal or drag out: the output folder and the images runs saved.
  const fileActions = createFileActions({
    fileAccess,
    outputFolder,
    shell: options.shell,
    drag: options.drag
  })

  const starts = createRunStarts({
    controller,
    history,
    settings,
    outputFolder,
    cdn,
    resolveUnsplash,
    cpuCount,
    proxy: options.proxy,
    log
  })

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

    startDownload: starts.startDownload,
    startProcess: starts.startProcess,
    startPipeline: starts.startPipeline,
    startSleep: starts.startSleep,

    async cancelRun() {
      return controller.cancel()
    },

    onRunEvents: (listener) => events.listen(listener),

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
      await keptParts.prune(new Set())
    },

    resumeRun: (runId) =>
      starts.startOne(() =>
        startResume(runId, {
          history,
          store: keptParts,
          engine,
          prepareFolder: (dir) => prepareOutputFolder(dir, options.platform),
          simulatedUrls: (source) => cdn.urls(source),
          runSettings: starts.runSettings,
          start: (run) => controller.start(run)
        })
      ),

    chooseFolder: () => outputFolder.choose(),

    ...fileActions,

    async getNotices() {
      return notices.splice(0)
    },

    getCurrentRun: async () => replay.events(),

    reportError: async (report) => rendererErrors.report(report),

    ...unsplashCalls,

    async dispose() {
      warmUp?.stop()
      // A run cut short by the quit keeps its resumable parts for the history's Resume.
      quitting = true
      controller.cancel('quit')
      await controller.idle()
      events.dispose()
      await cdn.close()
      if (!options.workerPool) await workerPool.close()
      await Promise.all([settings.flush(), history.flush(), keptParts.flush()])
    }
  }
  return service
}
