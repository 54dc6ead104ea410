import { randomUUID } from 'node:crypto'
import { basename, resolve } from 'node:path'
import { DEFAULT_DOWNLOAD_LIMITS, DEFAULT_EXISTING_POLICY } from '../common/defaults.ts'
import type {
  DownloadLimits,
  ExistingPolicy,
  SleepMode,
  SleepOrder,
  Strategy
} from '../common/defaults.ts'
import type {
  RunEvent,
  RunKind,
  RunTotals,
  TaskRecord,
  UnstampedRunEvent
} from '../common/events.ts'
import type {
  DownloadResult,
  DownloadTask,
  SavedFile,
  SleepResult,
  SleepTask,
  Task
} from '../common/tasks.ts'
import { sleepTaskLabel } from '../common/tasks.ts'
import { createExecutor } from './executors/create-executor.ts'
import { asCompleted } from './executors/executor.ts'
import type { Executor, ExecutorHooks, Future } from './executors/executor.ts'
import { assignFileNames } from './file-names.ts'
import { folderIdentity } from './files/folder.ts'
import { Manifest } from './files/manifest.ts'
import { makeFolder } from './make-folder.ts'
import { HostGate } from './net/host-gate.ts'
import { invalidUrlFailure, TaskFailure, toTaskError } from './task-error.ts'
import type { WorkerPool } from './threads/worker-pool.ts'

interface RunOptionsBase {
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

/**
 * Keeps the records and the clock of one run, and turns what the executor
 * reports into the run's events. Times are milliseconds from the run's start.
 */
class RunRecorder {
  readonly runId: string
  /** Sequential runs one task at a time, whatever was asked. */
  readonly concurrency: number
  readonly records: TaskRecord[]
  private readonly started = performance.now()
  private readonly taskIds = new Map<Task, number>()
  private unsettled = 0
  private onAllSettled: (() => void) | undefined
  private readonly emit: (event: RunEvent) => void

  constructor(options: RunOptionsBase, labels: string[]) {
    this.runId = options.runId ?? randomUUID()
    this.concurrency = options.strategy === 'sequential' ? 1 : options.concurrency
    const listener = options.onEvent
    this.emit = listener
      ? (event) => {
          try {
            listener(event)
          } catch {
            // A listener's bug must not stop the downloads.
          }
        }
      : () => undefined
    this.records = labels.map((label, taskId) => ({
      taskId,
      label,
      status: 'queued',
      bytes: 0,
      startMs: null,
      endMs: null,
      lane: null
    }))
  }

  now(): number {
    return Math.round((performance.now() - this.started) * 10) / 10
  }

  send(event: UnstampedRunEvent): void {
    this.emit({ ...event, runId: this.runId, t: this.now() } as RunEvent)
  }

  track(task: Task, taskId: number): void {
    this.taskIds.set(task, taskId)
    this.unsettled++
  }

  /** Resolves once every tracked task has its finished or failed event. */
  allSettled(): Promise<void> {
    if (this.unsettled === 0) return Promise.resolve()
    return new Promise((resolve) => (this.onAllSettled = resolve))
  }

  idOf(future: Future): number {
    const id = this.taskIds.get(future.task)
    if (id === undefined) throw new Error('a future of another run')
    return id
  }

  hooks(): ExecutorHooks {
    return {
      onStart: (future, lane) => {
        const record = this.records[this.idOf(future)]
        if (!record) return
        Object.assign(record, { startMs: this.now(), lane })
        this.send({ type: 'task-started', taskId: record.taskId, lane })
      },
      onNotice: (future, notice) => {
        const taskId = this.idOf(future)
        if (notice.type === 'progress') {
          const record = this.records[taskId]
          if (record) record.bytes = notice.bytes
          this.send({ type: 'task-progress', taskId, bytes: notice.bytes, total: notice.total })
        } else if (notice.type === 'stall') {
          const { stalled, bytesPerSecond } = notice
          this.send({ type: 'task-stall', taskId, stalled, bytesPerSecond })
        } else {
          const { attempt, code, message, delayMs } = notice
          this.send({ type: 'task-retry', taskId, attempt, code, message, delayMs })
        }
      },
      // Each task's end is an event the moment it happens, whatever order its result is read in.
      onSettled: (future, outcome) => {
        const taskId = this.idOf(future)
        if (!('value' in outcome)) this.fail(taskId, outcome.error)
        else if (outcome.value.kind === 'download') {
          const { file, bytes } = outcome.value
          this.succeed(taskId, { file, bytes, ...savedNote(outcome.value) })
          if (outcome.value.saved) this.onSaved?.(outcome.value.saved)
        } else this.succeed(taskId, { message: outcome.value.message })
        if (--this.unsettled === 0) this.onAllSettled?.()
      }
    }
  }

  /** Told of each file a download saved, for the folder's manifest. */
  onSaved: ((saved: NonNullable<DownloadResult['saved']>) => void) | undefined

  succeed(taskId: number, fields: Partial<TaskRecord>): void {
    const record = this.records[taskId]
    if (!record) return
    Object.assign(record, fields, { status: 'done', endMs: this.now() })
    this.send({
      type: 'task-finished',
      taskId,
      file: record.file,
      bytes: record.file ? record.bytes : undefined,
      message: record.message
    })
  }

  fail(taskId: number, error: unknown): void {
    const record = this.records[taskId]
    if (!record) return
    const { code, message } = toTaskError(error)
    const cancelled = code === 'cancelled'
    Object.assign(record, {
      status: cancelled ? 'cancelled' : 'failed',
      endMs: record.startMs === null ? null : this.now(),
      error: { code, message }
    })
    if (!cancelled || record.startMs !== null) record.bytes = 0
    this.send({ type: 'task-failed', taskId, code, message })
  }

  /**
   * The run's summary, timed now, and its run-finished event. `beforeEvent` runs in
   * between: work after the downloads (the folder's manifest) that the event waits
   * for but the run's time does not count.
   */
  finish(options: RunOptionsBase, kind: RunKind): RunSummary
  finish(
    options: RunOptionsBase,
    kind: RunKind,
    beforeEvent: () => Promise<void>
  ): Promise<RunSummary>
  finish(
    options: RunOptionsBase,
    kind: RunKind,
    beforeEvent?: () => Promise<void>
  ): RunSummary | Promise<RunSummary> {
    const count = (status: TaskRecord['status']): number =>
      this.records.filter((record) => record.status === status).length
    const summary: RunSummary = {
      runId: this.runId,
      kind,
      strategy: options.strategy,
      concurrency: this.concurrency,
      elapsedMs: this.now(),
      ok: count('done'),
      failed: count('failed'),
      cancelled: count('cancelled') + count('queued'),
      bytes: this.records.reduce(
        (sum, record) => sum + (record.status === 'done' ? record.bytes : 0),
        0
      ),
      tasks: this.records
    }
    const { elapsedMs, ok, failed, cancelled, bytes } = summary
    const announce = (): RunSummary => {
      this.send({ type: 'run-finished', elapsedMs, ok, failed, cancelled, bytes })
      return summary
    }
    return beforeEvent ? beforeEvent().then(announce) : announce()
  }
}

/** The task's field for the app's earlier file of its URL, when the manifest has one. */
function withPrevious(previous: SavedFile | undefined): { previous?: SavedFile } {
  return previous ? { previous } : {}
}

/** What a download's task says besides its file, when it did not simply save a new one. */
function savedNote(result: DownloadResult): { message?: string } {
  const name = basename(result.file)
  if (result.outcome === 'skipped') {
    return { message: `the same image is already saved as ${name}; nothing was written` }
  }
  if (result.outcome === 'replaced') return { message: `replaced the earlier ${name}` }
  return {}
}

function executorFor(options: RunOptionsBase, recorder: RunRecorder, kind: RunKind): Executor {
  return createExecutor(options.strategy, {
    concurrency: recorder.concurrency,
    signal: options.signal,
    hooks: recorder.hooks(),
    workerPool: options.workerPool,
    preloadDownloads: kind === 'download'
  })
}

/**
 * Downloads a list of images with one strategy. Never rejects for an image's
 * failure: each one becomes a `task-failed` event and the rest go on.
 */
export async function runDownloads(options: DownloadRunOptions): Promise<RunSummary> {
  const dir = resolve(options.dir)
  const limits: DownloadLimits = { ...DEFAULT_DOWNLOAD_LIMITS, ...options.limits }
  const fileNames = assignFileNames(options.urls)
  const recorder = new RunRecorder(options, options.urls)
  recorder.send({
    type: 'run-started',
    kind: 'download',
    strategy: options.strategy,
    concurrency: recorder.concurrency,
    startedAt: Date.now(),
    dir,
    tasks: options.urls.map((url, taskId) => ({ taskId, label: url, fileName: fileNames[taskId] }))
  })

  let folderError: unknown
  await makeFolder(dir).catch((error: unknown) => (folderError = error))
  // The folder as it is now: each task refuses it if it is moved or replaced mid-run.
  const folder = folderError
    ? undefined
    : await folderIdentity(dir).catch((error: unknown) => void (folderError = error))
  // What the app wrote here before: its own earlier file of a URL is updated, not copied again.
  const manifest = folder && (await Manifest.open(folder, dir).catch(() => undefined))
  recorder.onSaved = (saved) => manifest?.record(saved)
  const executor = executorFor(options, recorder, 'download')
  // --per-host: a task waits here for its host, not in a lane (net/host-gate.ts).
  const gate = new HostGate(limits.perHostConnections, options.signal)
  options.urls.forEach((url, taskId) => {
    if (folderError) return recorder.fail(taskId, folderErrorFor(dir, folderError))
    const invalid = invalidUrlFailure(url)
    if (invalid) return recorder.fail(taskId, invalid)
    const task: DownloadTask = {
      kind: 'download',
      url,
      dir,
      fileName: fileNames[taskId] ?? 'image.jpg',
      limits,
      existing: options.existing ?? DEFAULT_EXISTING_POLICY,
      ...(folder ? { folder } : {}),
      ...withPrevious(manifest?.latestFor(url))
    }
    recorder.track(task, taskId)
    gate.submit(url, () => executor.submit(task).result())
  })

  await recorder.allSettled()
  // Every task has settled; the threads end in the background, so a cancel is not held up by them.
  void executor.shutdown({ wait: false, cancelFutures: true })
  // Written before run-finished, so the folder is final when a listener hears the run
  // ended, but after the run's time is taken: the manifest is not the strategies' work.
  return recorder.finish(options, 'download', async () => {
    await manifest?.close()
  })
}

/** The tutorial's do_something, many times, with one strategy and one sleep mode. */
export async function runSleep(options: SleepRunOptions): Promise<SleepSummary> {
  const recorder = new RunRecorder(options, options.seconds.map(sleepTaskLabel))
  recorder.send({
    type: 'run-started',
    kind: 'sleep',
    strategy: options.strategy,
    concurrency: recorder.concurrency,
    startedAt: Date.now(),
    mode: options.mode,
    order: options.order,
    tasks: options.seconds.map((seconds, taskId) => ({
      taskId,
      label: sleepTaskLabel(seconds),
      seconds
    }))
  })
  const tasks: SleepTask[] = options.seconds.map((seconds, taskId) => {
    const task: SleepTask = { kind: 'sleep', seconds, mode: options.mode }
    recorder.track(task, taskId)
    return task
  })
  const executor = executorFor(options, recorder, 'sleep')
  // The results in the order the tutorial reads them; each task's events come as it ends.
  const results: SleepResult[] = []
  if (options.order === 'completed') {
    const futures = tasks.map((task) => executor.submit(task))
    for await (const future of asCompleted(futures)) {
      await future.result().then(
        (result) => results.push(result),
        () => undefined
      )
    }
  } else {
    try {
      for await (const result of executor.map(tasks)) results.push(result)
    } catch {
      // As Python's map: a task's error surfaces at its place and the rest are cancelled.
    }
  }
  await recorder.allSettled()
  void executor.shutdown({ wait: false, cancelFutures: true })
  return { ...recorder.finish(options, 'sleep'), mode: options.mode, order: options.order, results }
}

function folderErrorFor(dir: string, error: unknown): TaskFailure {
  const reason = error instanceof Error ? error.message : String(error)
  return new TaskFailure('write_failed', `cannot create the output folder ${dir}: ${reason}`)
}
