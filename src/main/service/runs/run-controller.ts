import type { Result, RunRecord } from '../../../common/api.ts'
import type { RunEvent, TaskInfo } from '../../../common/events.ts'
import type { RunSummary } from '../../../engine/run.ts'
import type { WorkerPool } from '../../../engine/threads/worker-pool.ts'
import type { HistoryStore } from '../stores/history-store.ts'
import type { ThumbnailOutcome, Thumbnailer } from '../thumbnails/thumbnails.ts'
import { reusedThumbnail } from '../processing/input-thumbnails.ts'
import type { CpuSampler } from '../processing/cpu-sampler.ts'
import { runOnEngine, taskCount } from './run-engine.ts'
import { finalRecord, startRecord } from './run-record.ts'
import type { AnyRun, Engine, RunEnded } from './run-request.ts'
import { RunTally } from './run-tally.ts'

export type {
  AnyRun,
  DownloadRun,
  Engine,
  PipelineRun,
  ProcessRun,
  RunEnded,
  SleepRun
} from './run-request.ts'

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
  /** Samples each core's load while a run goes, for the window's CPU gauge (cpu-sample events). */
  cpuSampler?: CpuSampler
  log?: (message: string) => void
}

interface ActiveRun {
  runId: string
  abort: AbortController
  /** Cancelled because the app quits: the record stays marked interrupted. */
  quitting: boolean
  tally: RunTally
  done: Promise<void>
}

export interface RunController {
  start(run: AnyRun): Result<{ runId: string }>
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

  function start(run: AnyRun): Result<{ runId: string }> {
    if (active) return { ok: false, error: RUN_IN_PROGRESS }
    const abort = new AbortController()
    const current: ActiveRun = {
      runId: run.runId,
      abort,
      quitting: false,
      tally: new RunTally(taskCount(run)),
      done: Promise.resolve()
    }
    active = current
    // The run stops being active at its end; `done` also waits for its previews.
    current.done = execute(run, current).finally(() => {
      if (active === current) active = undefined
    })
    return { ok: true, value: { runId: run.runId } }
  }

  async function execute(run: AnyRun, current: ActiveRun): Promise<void> {
    const { runId } = run
    let startPerf = performance.now()
    let record: RunRecord | undefined
    const { tally } = current
    const thumbnailNotes = new Map<number, string>()
    const writes: Promise<void>[] = []
    const previews = { done: 0, total: 0, ended: false }
    let infos = new Map<number, TaskInfo>()
    let stopSampling: (() => void) | undefined

    const onEvent = (event: RunEvent): void => {
      tally.note(event)
      // Sent once the history has the run: the window reads it as soon as it sees the end.
      if (event.type === 'run-finished') return
      if (event.type === 'run-started') {
        startPerf = performance.now() - event.t
        record = startRecord(run, event)
        writes.push(options.history.put(record).catch((e: Error) => log(`history: ${e.message}`)))
        infos = new Map(event.tasks.map((info) => [info.taskId, info]))
        if (run.kind === 'process') reuseInputThumbnails(run.inputThumbnails)
        stopSampling = options.cpuSampler?.start((cores) =>
          options.emit({ type: 'cpu-sample', runId, t: performance.now() - startPerf, cores })
        )
      }
      if (event.type === 'task-finished' && run.kind !== 'sleep' && event.file) {
        const { taskId, file } = event
        thumbnail(taskId, () => options.thumbnailer.make(runId, taskId, file))
        if (run.kind === 'process' && !reused.has(taskId))
          thumbnail(taskId, () => freshInputThumbnail(taskId), 'input')
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

    const thumbnail = (
      taskId: number,
      make: () => Promise<ThumbnailOutcome>,
      of: 'input' | 'output' = 'output'
    ): void => {
      previews.total++
      void make().then((outcome) => {
        const t = performance.now() - startPerf
        if (outcome.ok) {
          options.emit({
            type: 'task-thumbnail',
            runId,
            t,
            taskId,
            ...(of === 'input' ? { of } : {}),
            url: options.thumbnailUrl(outcome.relPath),
            width: outcome.width,
            height: outcome.height,
            ms: outcome.ms
          })
        } else if (of === 'input') {
          // The input is the download's image: its preview failing says nothing of this run's.
          log(`thumbnail of the input of task ${taskId}: ${outcome.message}`)
        } else if (!outcome.skipped) {
          thumbnailNotes.set(taskId, outcome.message)
          log(`thumbnail of task ${taskId}: ${outcome.message}`)
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

    /**
     * A processing task's "before": the preview its download already made, shown as the run
     * starts (a header read each, no new work while the run is timed), or one made after the
     * task's own when the history no longer has it.
     */
    const reused = new Set<number>()
    const freshInputThumbnail = (taskId: number): Promise<ThumbnailOutcome> => {
      const input = infos.get(taskId)?.input
      if (!input) return Promise.resolve({ ok: false, skipped: true, message: 'no input', ms: 0 })
      return options.thumbnailer.make(runId, infos.size + taskId, input)
    }
    const reuseInputThumbnails = (made: ReadonlyMap<string, string>): void => {
      for (const [taskId, info] of infos) {
        const relPath = info.input && made.get(info.input)
        if (!relPath) continue
        reused.add(taskId)
        thumbnail(
          taskId,
          () =>
            reusedThumbnail(options.thumbnailer.dir, relPath).then((outcome) =>
              outcome.ok ? outcome : freshInputThumbnail(taskId)
            ),
          'input'
        )
      }
    }

    let summary: RunSummary | undefined
    const started = performance.now()
    try {
      summary = await runOnEngine(options.engine, run, {
        signal: current.abort.signal,
        onEvent,
        runId,
        workerPool: options.workerPool
      })
    } catch (error) {
      log(`run ${runId} stopped: ${(error as Error).stack ?? String(error)}`)
    }
    stopSampling?.()

    if (current.abort.signal.aborted) options.thumbnailer.skipQueued(runId)
    await Promise.all(writes)

    const end = tally.end(
      runId,
      performance.now() - startPerf,
      summary,
      performance.now() - started
    )
    const base = record ?? startRecord(run, undefined)
    const finalRecordNow = (): RunRecord =>
      finalRecord(base, end, summary?.tasks ?? base.tasks, thumbnailNotes, current.quitting)
    const save = async (): Promise<void> => {
      try {
        await options.history.put(finalRecordNow())
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
      return active.tally.fraction()
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
