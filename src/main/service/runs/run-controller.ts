import { join } from 'node:path'
import type { Result, RunRecord } from '../../../common/api.ts'
import type { RunEvent, RunFinishedEvent, RunStartedEvent } from '../../../common/events.ts'
import type {
  DownloadLimits,
  ExistingPolicy,
  SleepMode,
  Strategy
} from '../../../common/defaults.ts'
import type { SleepOrder } from '../../../common/defaults.ts'
import type { SimulatedSource } from '../../../common/schemas.ts'
import { sleepTaskLabel } from '../../../common/tasks.ts'
import type {
  DownloadRunOptions,
  RunSummary,
  SleepRunOptions,
  SleepSummary
} from '../../../engine/run.ts'
import type { WorkerPool } from '../../../engine/threads/worker-pool.ts'
import type { HistoryStore } from '../stores/history-store.ts'
import type { Thumbnailer } from '../thumbnails/thumbnails.ts'

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

export interface RunControllerOptions {
  engine: Engine
  history: HistoryStore
  thumbnailer: Thumbnailer
  thumbnailUrl: (relPath: string) => string
  /**
   * Every event of every run, in order. run-finished comes as soon as the last
   * image has ended; previews still being made follow it, with previews-progress.
   */
  emit: (event: RunEvent) => void
  onRunEnded?: (runId: string, ended: RunEnded) => void
  /** Worker threads kept across runs, for strategy `workers`. */
  workerPool?: WorkerPool
  log?: (message: string) => void
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

interface ActiveRun {
  runId: string
  abort: AbortController
  /** Cancelled because the app quits: the record stays marked interrupted. */
  quitting: boolean
  total: number
  settled: number
  done: Promise<void>
}

export interface RunController {
  start(run: DownloadRun | SleepRun): Result<{ runId: string }>
  /** `quit`: the app is closing, and the run is recorded as interrupted. */
  cancel(reason?: 'user' | 'quit'): boolean
  /** The run in progress, if any. */
  readonly activeRunId: string | undefined
  /** Share of the active run's tasks that are settled, or null when none runs. */
  progress(): number | null
  /** Resolves when no run is in progress and every run's previews are made. */
  idle(): Promise<void>
  /** Drops the previews still queued for runs that have ended, and waits for those being made. */
  stopPreviews(): Promise<void>
}

export const RUN_IN_PROGRESS = 'A run is already in progress'

export function createRunController(options: RunControllerOptions): RunController {
  const log = options.log ?? ((message: string) => console.warn(message))
  let active: ActiveRun | undefined
  /** Runs that have ended whose previews are still being made. */
  const previewing = new Map<string, Promise<void>>()

  function start(run: DownloadRun | SleepRun): Result<{ runId: string }> {
    if (active) return { ok: false, error: RUN_IN_PROGRESS }
    const abort = new AbortController()
    const current: ActiveRun = {
      runId: run.runId,
      abort,
      quitting: false,
      total: run.kind === 'download' ? run.urls.length : run.seconds.length,
      settled: 0,
      done: Promise.resolve()
    }
    active = current
    // The run stops being active at its end; `done` also waits for its previews.
    current.done = execute(run, current).finally(() => {
      if (active === current) active = undefined
    })
    return { ok: true, value: { runId: run.runId } }
  }

  async function execute(run: DownloadRun | SleepRun, current: ActiveRun): Promise<void> {
    const { runId } = run
    let startPerf = performance.now()
    let record: RunRecord | undefined
    let finished: RunFinishedEvent | undefined
    const counts = { ok: 0, failed: 0, cancelled: 0, bytes: 0 }
    const thumbnailNotes = new Map<number, string>()
    const writes: Promise<void>[] = []
    const previews = { done: 0, total: 0, ended: false }

    const onEvent = (event: RunEvent): void => {
      switch (event.type) {
        case 'run-started':
          startPerf = performance.now() - event.t
          record = startRecord(run, event)
          writes.push(options.history.put(record).catch((e: Error) => log(`history: ${e.message}`)))
          break
        case 'run-finished':
          // Sent once the history has the run: the window reads it as soon as it sees the end.
          finished = event
          return
        case 'task-finished':
          current.settled++
          counts.ok++
          counts.bytes += event.bytes ?? 0
          if (run.kind === 'download' && event.file) thumbnail(event.taskId, event.file)
          break
        case 'task-failed':
          current.settled++
          if (event.code === 'cancelled') counts.cancelled++
          else counts.failed++
          break
        default:
          // Lanes, progress, retries and thumbnails change no tally: they only pass on.
          break
      }
      options.emit(event)
    }

    const previewProgress = (): void => {
      options.emit({
        type: 'previews-progress',
        runId,
        t: performance.now() - startPerf,
        done: previews.done,
        total: previews.total
      })
    }

    const thumbnail = (taskId: number, file: string): void => {
      previews.total++
      void options.thumbnailer.make(runId, taskId, file).then((outcome) => {
        const t = performance.now() - startPerf
        if (outcome.ok) {
          options.emit({
            type: 'task-thumbnail',
            runId,
            t,
            taskId,
            url: options.thumbnailUrl(outcome.relPath),
            width: outcome.width,
            height: outcome.height,
            ms: outcome.ms
          })
        } else if (!outcome.skipped) {
          thumbnailNotes.set(taskId, outcome.message)
          log(`thumbnail of ${file}: ${outcome.message}`)
          options.emit({
            type: 'task-thumbnail-failed',
            runId,
            t,
            taskId,
            message: outcome.message,
            ms: outcome.ms
          })
        }
        previews.done++
        if (previews.ended) previewProgress()
      })
    }

    let summary: RunSummary | undefined
    const started = performance.now()
    try {
      summary =
        run.kind === 'download'
          ? await options.engine.runDownloads({
              strategy: run.strategy,
              concurrency: run.concurrency,
              urls: run.urls,
              dir: run.dir,
              ...(run.existing ? { existing: run.existing } : {}),
              ...(run.limits ? { limits: run.limits } : {}),
              signal: current.abort.signal,
              onEvent,
              runId,
              workerPool: options.workerPool
            })
          : await options.engine.runSleep({
              strategy: run.strategy,
              concurrency: run.concurrency,
              seconds: run.seconds,
              mode: run.mode,
              order: run.order,
              signal: current.abort.signal,
              onEvent,
              runId,
              workerPool: options.workerPool
            })
    } catch (error) {
      log(`run ${runId} stopped: ${(error as Error).stack ?? String(error)}`)
    }

    if (current.abort.signal.aborted) options.thumbnailer.skipQueued(runId)
    await Promise.all(writes)

    const elapsedMs = summary?.elapsedMs ?? performance.now() - started
    const totals = summary ?? {
      ...counts,
      failed: counts.failed + (current.total - current.settled)
    }
    const end: RunFinishedEvent = finished ?? {
      type: 'run-finished',
      runId,
      t: performance.now() - startPerf,
      elapsedMs,
      ok: totals.ok,
      failed: totals.failed,
      cancelled: totals.cancelled,
      bytes: totals.bytes
    }
    const base = record ?? startRecord(run, undefined)
    const finalRecord = (): RunRecord => {
      const tasks = (summary?.tasks ?? base.tasks).map((task) => {
        const note = thumbnailNotes.get(task.taskId)
        return note ? { ...task, message: note } : task
      })
      return {
        ...base,
        count: tasks.length,
        bytes: end.bytes,
        elapsedMs: end.elapsedMs,
        ok: end.ok,
        failed: end.failed,
        cancelled: end.cancelled,
        interrupted: current.quitting,
        tasks
      }
    }
    const save = async (): Promise<void> => {
      try {
        await options.history.put(finalRecord())
      } catch (error) {
        log(`history: ${(error as Error).message}`)
      }
    }
    // The run ends with its last image, at its own time: its previews are made after.
    await save()
    previews.ended = true
    options.emit(end)
    if (active === current) active = undefined
    if (previews.total > 0) previewProgress()
    options.onRunEnded?.(runId, {
      ok: end.ok,
      failed: end.failed,
      cancelled: end.cancelled,
      elapsedMs: end.elapsedMs
    })

    const notesBefore = thumbnailNotes.size
    const made = options.thumbnailer.settled(runId).then(async () => {
      // A preview that could not be made is noted on its task in the history.
      if (thumbnailNotes.size > notesBefore) await save()
    })
    previewing.set(runId, made)
    await made.finally(() => previewing.delete(runId))
  }

  return {
    start,
    cancel(reason = 'user') {
      // Quitting also drops the previews still queued for runs that have ended.
      if (reason === 'quit')
        for (const runId of previewing.keys()) options.thumbnailer.skipQueued(runId)
      if (!active) return false
      if (reason === 'quit') active.quitting = true
      active.abort.abort()
      options.thumbnailer.skipQueued(active.runId)
      return true
    },
    get activeRunId() {
      return active?.runId
    },
    progress() {
      if (!active) return null
      return active.total === 0 ? 0 : active.settled / active.total
    },
    async stopPreviews() {
      for (const runId of previewing.keys()) options.thumbnailer.skipQueued(runId)
      await Promise.all(previewing.values())
    },
    async idle() {
      while (active) await active.done
      while (previewing.size > 0) await Promise.all(previewing.values())
    }
  }
}

/**
 * The record written when a run starts, marked interrupted until its end
 * rewrites it: if the app quits mid-run, the next start shows it as interrupted.
 * Each queued task keeps its planned file so that the next start can remove its `.part`.
 */
function startRecord(run: DownloadRun | SleepRun, started: RunStartedEvent | undefined): RunRecord {
  const labels = run.kind === 'download' ? run.urls : run.seconds.map(sleepTaskLabel)
  const infos =
    started?.tasks ?? labels.map((label, taskId) => ({ taskId, label, fileName: undefined }))
  return {
    runId: run.runId,
    kind: run.kind,
    strategy: run.strategy,
    concurrency: run.concurrency,
    sourceLabel: run.sourceLabel,
    sourceKey: run.sourceKey,
    ...(run.kind === 'sleep' ? { mode: run.mode } : { dir: run.dir }),
    ...(run.kind === 'download' && run.simulated ? { simulated: run.simulated } : {}),
    startedAt: started?.startedAt ?? Date.now(),
    count: infos.length,
    bytes: 0,
    elapsedMs: 0,
    ok: 0,
    failed: 0,
    cancelled: 0,
    interrupted: true,
    tasks: infos.map((info) => ({
      taskId: info.taskId,
      label: info.label,
      status: 'queued',
      ...(run.kind === 'download' && info.fileName ? { file: join(run.dir, info.fileName) } : {}),
      bytes: 0,
      startMs: null,
      endMs: null,
      lane: null
    }))
  }
}
