import { resolve } from 'node:path'
import { DEFAULT_DOWNLOAD_LIMITS, DEFAULT_EXISTING_POLICY } from '../common/defaults.ts'
import type { DownloadLimits } from '../common/defaults.ts'
import type { RunKind } from '../common/events.ts'
import type { DownloadTask, SavedFile, SleepResult, SleepTask } from '../common/tasks.ts'
import { sleepTaskLabel } from '../common/tasks.ts'
import { createExecutor } from './executors/create-executor.ts'
import { asCompleted } from './executors/executor.ts'
import type { Executor } from './executors/executor.ts'
import { assignFileNames } from './file-names.ts'
import { folderIdentity } from './files/folder.ts'
import { Manifest } from './files/manifest.ts'
import { makeFolder } from './make-folder.ts'
import { HostGate } from './net/host-gate.ts'
import { RunRecorder } from './run-recorder.ts'
import type {
  DownloadRunOptions,
  RunOptionsBase,
  RunSummary,
  SleepRunOptions,
  SleepSummary
} from './run-types.ts'
import { invalidUrlFailure, TaskFailure } from './task-error.ts'

export type { DownloadRunOptions, RunSummary, SleepRunOptions, SleepSummary } from './run-types.ts'

/** The task's field for the app's earlier file of its URL, when the manifest has one. */
function withPrevious(previous: SavedFile | undefined): { previous?: SavedFile } {
  return previous ? { previous } : {}
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
  recorder.onPart = options.onPart
  const executor = executorFor(options, recorder, 'download')
  // --per-host: a task waits here for its host, not in a lane (net/host-gate.ts).
  const gate = new HostGate(limits.perHostConnections, options.signal)
  // A URL that cannot be downloaded fails at once, as the run starts. The app's earlier file of
  // each URL is taken now, before this run's own files are added to the manifest.
  const valid: number[] = []
  const previous = new Map<number, SavedFile>()
  options.urls.forEach((url, taskId) => {
    if (folderError) return recorder.fail(taskId, folderErrorFor(dir, folderError))
    const invalid = invalidUrlFailure(url)
    if (invalid) return recorder.fail(taskId, invalid)
    valid.push(taskId)
    const saved = manifest?.latestFor(url)
    if (saved) previous.set(taskId, saved)
  })
  const taskFor = (taskId: number): DownloadTask => {
    const url = options.urls[taskId] ?? ''
    return {
      kind: 'download',
      url,
      dir,
      fileName: fileNames[taskId] ?? 'image.jpg',
      limits,
      existing: options.existing ?? DEFAULT_EXISTING_POLICY,
      ...(folder ? { folder } : {}),
      ...withPrevious(previous.get(taskId)),
      ...(options.keepParts ? { keepPartOnCancel: true } : {}),
      ...(options.resume?.[taskId] ? { resume: options.resume[taskId] } : {})
    }
  }
  // The tasks are made and handed to the executor a few ahead of the lanes, not all at once:
  // a list of 10,000 URLs held 10,000 tasks, futures and queue entries (about 3 KiB each) for
  // the whole run, and their copying through V8's young generation grew it to its maximum.
  // Per host, a task waits at the gate, so all go there at once as before (net/host-gate.ts).
  const ahead = limits.perHostConnections > 0 ? Infinity : 2 * recorder.concurrency
  let fed = 0
  let inFlight = 0
  let allFed = (): void => undefined
  const fedAll = new Promise<void>((resolve) => (allFed = resolve))
  const settledOne = (): void => {
    inFlight--
    feed()
  }
  // A cancel hands every task not yet made to the executor at once, which cancels each.
  function feed(): void {
    while (fed < valid.length && (inFlight < ahead || options.signal?.aborted)) {
      const taskId = valid[fed++] ?? 0
      const task = taskFor(taskId)
      recorder.track(task, taskId)
      inFlight++
      gate.submit(task.url, () => {
        const result = executor.submit(task).result()
        result.then(settledOne, settledOne)
        return result
      })
    }
    if (fed === valid.length) allFed()
  }
  options.signal?.addEventListener('abort', feed, { once: true })
  feed()

  await fedAll
  options.signal?.removeEventListener('abort', feed)
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
