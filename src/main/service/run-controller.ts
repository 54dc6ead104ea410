import { join } from 'node:path'
import type { Result, RunRecord } from '../../common/api.ts'
import type { RunEvent, RunFinishedEvent, RunStartedEvent } from '../../common/events.ts'
import type { SleepMode, Strategy } from '../../common/defaults.ts'
import type {
  DownloadRunOptions,
  RunSummary,
  SleepRunOptions,
  SleepSummary
} from '../../engine/run.ts'
import type { WorkerPool } from '../../engine/worker-pool.ts'
import type { HistoryStore } from './history-store.ts'
import type { Thumbnailer } from './thumbnails.ts'

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
  /** Every event of every run, in order; run-finished comes after the run's thumbnails. */
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
}

export interface SleepRun extends Common {
  kind: 'sleep'
  seconds: number[]
  mode: SleepMode
  order: 'completed' | 'submitted'
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
  /** Resolves when no run is in progress. */
  idle(): Promise<void>
}

export const RUN_IN_PROGRESS = 'A run is already in progress'

export function createRunController(options: RunControllerOptions): RunController {
  const log = options.log ?? ((message: string) => console.warn(message))
  let active: ActiveRun | undefined

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

    const onEvent = (event: RunEvent): void => {
      switch (event.type) {
        case 'run-started':
          startPerf = performance.now() - event.t
          record = startRecord(run, event)
          writes.push(options.history.put(record).catch((e: Error) => log(`history: ${e.message}`)))
          break
        case 'run-finished':
          // Held back until the run's thumbnails are made, so the window sees them all first.
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
      }
      options.emit(event)
    }

    const thumbnail = (taskId: number, file: string): void => {
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
    await options.thumbnailer.settled(runId)
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
    const tasks = (summary?.tasks ?? base.tasks).map((task) => {
      const note = thumbnailNotes.get(task.taskId)
      return note ? { ...task, message: note } : task
    })
    try {
      await options.history.put({
        ...base,
        count: tasks.length,
        bytes: end.bytes,
        elapsedMs: end.elapsedMs,
        ok: end.ok,
        failed: end.failed,
        cancelled: end.cancelled,
        interrupted: current.quitting,
        tasks
      })
    } catch (error) {
      log(`history: ${(error as Error).message}`)
    }
    options.emit(end)
    options.onRunEnded?.(runId, {
      ok: end.ok,
      failed: end.failed,
      cancelled: end.cancelled,
      elapsedMs: end.elapsedMs
    })
  }

  return {
    start,
    cancel(reason = 'user') {
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
    async idle() {
      while (active) await active.done
    }
  }
}

/**
 * The record written when a run starts, marked interrupted until its end
 * rewrites it: if the app quits mid-run, the next start shows it as interrupted.
 * Each queued task keeps its planned file so that the next start can remove its `.part`.
 */
function startRecord(run: DownloadRun | SleepRun, started: RunStartedEvent | undefined): RunRecord {
  const labels = run.kind === 'download' ? run.urls : run.seconds.map((s) => `sleep ${s} s`)
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
