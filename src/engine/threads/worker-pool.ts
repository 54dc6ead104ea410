import { availableParallelism } from 'node:os'
import type { Worker } from 'node:worker_threads'
import type { Task } from '../../common/tasks.ts'
import { CancelledError, fromTaskError, TaskFailure } from '../task-error.ts'
import type { Outcome } from '../tasks/types.ts'
import { placeTask, sharesThread } from './placement.ts'
import type { PoolTask, PoolTaskListener } from './pool-task.ts'
import { createWorker, whenReady } from './start-worker.ts'
import type { FromWorker, ToWorker, WorkerData } from './worker-messages.ts'

export const DEFAULT_WORKER_ENTRY = new URL('./worker.ts', import.meta.url)

export interface WorkerPoolOptions {
  /**
   * The worker's entry file: electron-vite's `?modulePath` import in the app (a CommonJS
   * `worker-<hash>.cjs`), `new URL('./worker.ts', import.meta.url)` (the default) under
   * Node 24, which the CLI's build points at its `worker.cjs` (scripts/cli-build/worker-thread.ts).
   */
  workerEntry?: string | URL
  /** Threads load the download code as they start. */
  preloadDownloads?: boolean
  /** Threads load the processing code (and sharp) as they start. */
  preloadProcess?: boolean
  /**
   * An idle thread is ended after this long (default: kept until close()). Idle
   * threads never keep the process alive.
   */
  idleTimeoutMs?: number
  /**
   * Most threads that carry shared tasks (downloads) at once; more downloads share
   * them. Default `os.availableParallelism()`: more threads than cores add start-up
   * and memory, not speed, to tasks that wait on sockets.
   */
  ioThreads?: number
}

interface PoolThread {
  /** Its number, from 0: the lowest free when it started, kept for life. */
  index: number
  worker: Worker
  /** The exclusive task's stop cell (never a shared task's). */
  stopCell: Int32Array
  /** The tasks it carries, by id: one exclusive task, or any number of shared ones. */
  jobs: Map<number, Job>
  /** Its task keeps it to itself. */
  exclusive: boolean
  /** How many tasks it carries: `jobs.size`. */
  readonly load: number
  /** Resolves when the thread has loaded its code (not merely started). */
  ready: Promise<void>
  idleTimer: NodeJS.Timeout | undefined
}

interface Job {
  id: number
  task: Task
  listener: PoolTaskListener
  /** The thread has picked the task up. */
  started: boolean
  settled: boolean
  released: boolean
}

/**
 * Worker threads kept and reused, as a long-lived ThreadPoolExecutor's: a thread
 * starts when a task finds none to take it, then stays for the next tasks and the
 * next runs. An exclusive task (a sleep, a processing task) has a thread to
 * itself; shared ones (downloads) spread over at most `ioThreads` threads, several
 * on each (placement.ts). How many run at once is the caller's to limit
 * (WorkerPoolExecutor's concurrency); the idle thread with the lowest number is
 * chosen first, so a sleep run of concurrency 4 draws threads 0 to 3.
 */
export class WorkerPool {
  private readonly entry: string | URL
  private readonly preloadDownloads: boolean
  private readonly preloadProcess: boolean
  private readonly idleTimeoutMs: number | undefined
  /** Most threads that carry shared tasks at once. */
  readonly ioThreads: number
  private readonly threads: PoolThread[] = []
  private nextId = 0
  private started = 0
  private closed = false

  constructor(options: WorkerPoolOptions = {}) {
    this.entry = options.workerEntry ?? DEFAULT_WORKER_ENTRY
    this.preloadDownloads = options.preloadDownloads ?? false
    this.preloadProcess = options.preloadProcess ?? false
    this.idleTimeoutMs = options.idleTimeoutMs
    this.ioThreads = Math.max(1, Math.floor(options.ioThreads ?? availableParallelism()))
  }

  /** Threads alive now. */
  get threadCount(): number {
    return this.threads.length
  }

  /** Threads started since the pool was made (a kept thread is not counted again). */
  get threadsStarted(): number {
    return this.started
  }

  /** Starts threads until `count` are alive and waits until each has loaded its code. */
  async warmUp(count: number): Promise<void> {
    this.assertOpen()
    while (this.threads.length < count) {
      // A starting thread keeps the process alive (so `await warmUp()` is never left
      // hanging); once it has loaded its code with no task, it is idle like any other.
      const thread = this.startThread()
      void thread.ready.then(() => {
        if (thread.jobs.size === 0 && this.threads.includes(thread)) this.idle(thread)
      })
    }
    await Promise.all(this.threads.map((thread) => thread.ready))
  }

  /**
   * Runs a task on the thread placement.ts chooses, starting one if it says so. A
   * task the pool cannot run (it is closed, or no thread starts) fails with the reason.
   */
  run(task: Task, listener: PoolTaskListener): PoolTask {
    const shared = sharesThread(task)
    const job: Job = {
      id: this.nextId++,
      task,
      listener,
      started: false,
      settled: false,
      released: false
    }
    // Not thrown into the caller's loop: the task fails with the reason, the run goes on.
    const fail = (message: string): PoolTask => {
      const failure = new TaskFailure('unknown', message)
      queueMicrotask(() => this.finish(job, { error: failure }))
      return { stop: () => undefined }
    }
    if (this.closed) return fail('the worker pool was closed')
    let thread: PoolThread
    try {
      thread = placeTask(this.threads, shared, this.ioThreads) ?? this.startThread()
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      return fail(`cannot start a worker thread: ${reason}`)
    }
    clearTimeout(thread.idleTimer)
    thread.idleTimer = undefined
    thread.jobs.set(job.id, job)
    thread.worker.ref()
    if (!shared) {
      thread.exclusive = true
      Atomics.store(thread.stopCell, 0, 0)
    }
    thread.worker.postMessage({ type: 'run', id: job.id, task, shared } satisfies ToWorker)
    return {
      stop: () => {
        if (job.settled) return
        // Only an exclusive task may block where no message reaches it; the cell is its alone,
        // so stopping one download never stops the others on its thread.
        if (!shared) {
          Atomics.store(thread.stopCell, 0, 1)
          Atomics.notify(thread.stopCell, 0)
        }
        thread.worker.postMessage({ type: 'cancel', id: job.id } satisfies ToWorker)
        // A thread still starting hears of the stop (its cell, or the cancel that follows the
        // task's message) before the task touches a file: the task is cancelled now, without
        // waiting for it to load. The thread holds it until it answers.
        if (!job.started) this.settle(job, { error: new CancelledError() })
      }
    }
  }

  /** Ends every thread; a task still running is settled as cancelled. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const threads = this.threads.splice(0)
    const ended = threads.map((thread) => {
      clearTimeout(thread.idleTimer)
      return thread.worker.terminate()
    })
    // Every thread is ending before any listener hears of it: a listener's error
    // must not leave the others unsettled or a thread alive.
    for (const thread of threads) this.finishAll(thread, () => new CancelledError())
    await Promise.all(ended)
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the worker pool is closed')
  }

  private startThread(): PoolThread {
    const stopBuffer = new SharedArrayBuffer(4)
    const workerData: WorkerData = {
      stopBuffer,
      preloadDownloads: this.preloadDownloads,
      preloadProcess: this.preloadProcess
    }
    const worker = createWorker(this.entry, workerData)
    const taken = new Set(this.threads.map((thread) => thread.index))
    let index = 0
    while (taken.has(index)) index++
    const thread: PoolThread = {
      index,
      worker,
      stopCell: new Int32Array(stopBuffer),
      jobs: new Map(),
      exclusive: false,
      get load() {
        return this.jobs.size
      },
      idleTimer: undefined,
      ready: whenReady(worker)
    }
    worker.on('message', (message: FromWorker) => this.onMessage(thread, message))
    worker.on('error', (error) => this.onThreadLost(thread, error))
    worker.on('exit', (code) => {
      this.onThreadLost(thread, new Error(`worker thread exited with code ${code}`))
    })
    this.threads.push(thread)
    this.started++
    return thread
  }

  private onMessage(thread: PoolThread, message: FromWorker): void {
    if (message.type === 'ready') return
    const job = thread.jobs.get(message.id)
    if (!job) return
    if (message.type === 'started') {
      job.started = true
      if (!job.settled) job.listener.onStart(thread.index)
      return
    }
    if (message.type === 'notice') {
      if (!job.settled) job.listener.onNotice(message.notice)
      return
    }
    // The thread is free of the job before its caller hears of it, so the next task may take it.
    thread.jobs.delete(job.id)
    if (thread.jobs.size === 0) this.idle(thread)
    // Settling is a no-op for a task already cancelled while its thread was starting.
    if (message.type === 'done') this.finish(job, { value: message.result })
    else this.finish(job, { error: fromTaskError(message.error) })
  }

  /** The thread has no task: it no longer keeps the process alive, and may time out. */
  private idle(thread: PoolThread): void {
    clearTimeout(thread.idleTimer)
    thread.exclusive = false
    thread.worker.unref()
    if (this.idleTimeoutMs === undefined) return
    thread.idleTimer = setTimeout(() => this.retire(thread), this.idleTimeoutMs)
    thread.idleTimer.unref()
  }

  private retire(thread: PoolThread): void {
    const index = this.threads.indexOf(thread)
    if (index === -1 || thread.jobs.size > 0) return
    this.threads.splice(index, 1)
    void thread.worker.terminate()
  }

  private onThreadLost(thread: PoolThread, error: Error): void {
    const index = this.threads.indexOf(thread)
    if (index === -1) return
    this.threads.splice(index, 1)
    clearTimeout(thread.idleTimer)
    // Every task the thread carried fails, each on its own image's record.
    const message = `the worker thread crashed: ${error.message}`
    this.finishAll(thread, () => new TaskFailure('unknown', message))
    void thread.worker.terminate()
  }

  /** Settles and releases every task a lost or closed thread carried; one listener's error stops none of the others. */
  private finishAll(thread: PoolThread, error: () => Error): void {
    const jobs = [...thread.jobs.values()]
    thread.jobs.clear()
    for (const job of jobs) {
      try {
        this.finish(job, { error: error() })
      } catch {
        // The listener's own bug; the thread is gone either way.
      }
    }
  }

  private settle(job: Job, outcome: Outcome): void {
    if (job.settled) return
    job.settled = true
    job.listener.onSettled(outcome)
  }

  /** The thread is done with the job: settled (if it was not yet), then released. */
  private finish(job: Job, outcome: Outcome): void {
    this.settle(job, outcome)
    if (job.released) return
    job.released = true
    job.listener.onReleased()
  }
}
