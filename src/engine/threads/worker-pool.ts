import type { Worker } from 'node:worker_threads'
import type { Task } from '../../common/tasks.ts'
import { CancelledError, fromTaskError, TaskFailure } from '../task-error.ts'
import type { Outcome } from '../tasks/types.ts'
import type { PoolTask, PoolTaskListener } from './pool-task.ts'
import { createWorker } from './start-worker.ts'
import type { FromWorker, ToWorker, WorkerData } from './worker-messages.ts'

export const DEFAULT_WORKER_ENTRY = new URL('./worker.ts', import.meta.url)

export interface WorkerPoolOptions {
  /**
   * The worker's entry file: electron-vite's `?modulePath` import in the app,
   * `new URL('./worker.ts', import.meta.url)` (the default) under Node 24.
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
}

interface PoolThread {
  lane: number
  worker: Worker
  stopCell: Int32Array
  job: Job | undefined
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
 * starts when a task finds none idle, then stays for the next tasks and the next
 * runs. Each thread runs one task at a time. How many run at once is the
 * caller's to limit (WorkerPoolExecutor's concurrency); an idle thread with the
 * lowest lane is chosen, so a run of concurrency 4 draws lanes 0 to 3.
 */
export class WorkerPool {
  private readonly entry: string | URL
  private readonly preloadDownloads: boolean
  private readonly preloadProcess: boolean
  private readonly idleTimeoutMs: number | undefined
  private readonly threads: PoolThread[] = []
  private nextId = 0
  private started = 0
  private closed = false

  constructor(options: WorkerPoolOptions = {}) {
    this.entry = options.workerEntry ?? DEFAULT_WORKER_ENTRY
    this.preloadDownloads = options.preloadDownloads ?? false
    this.preloadProcess = options.preloadProcess ?? false
    this.idleTimeoutMs = options.idleTimeoutMs
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
        if (!thread.job && this.threads.includes(thread)) this.idle(thread)
      })
    }
    await Promise.all(this.threads.map((thread) => thread.ready))
  }

  /**
   * Runs a task on an idle thread, starting one if none is idle. A task the pool
   * cannot run (it is closed, or no thread starts) fails with the reason.
   */
  run(task: Task, listener: PoolTaskListener): PoolTask {
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
      thread = this.idleThread() ?? this.startThread()
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      return fail(`cannot start a worker thread: ${reason}`)
    }
    clearTimeout(thread.idleTimer)
    thread.idleTimer = undefined
    thread.job = job
    thread.worker.ref()
    Atomics.store(thread.stopCell, 0, 0)
    this.post(thread, { type: 'run', id: job.id, task })
    return {
      stop: () => {
        if (job.settled) return
        Atomics.store(thread.stopCell, 0, 1)
        Atomics.notify(thread.stopCell, 0)
        this.post(thread, { type: 'cancel', id: job.id })
        // A thread still starting will see the stop cell before it touches a file: the
        // task is cancelled now, without waiting for it to load. The thread stays busy
        // until it answers.
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
    for (const thread of threads) {
      const job = thread.job
      if (!job) continue
      try {
        this.finish(job, { error: new CancelledError() })
      } catch {
        // The listener's own bug; the pool is closed either way.
      }
    }
    await Promise.all(ended)
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the worker pool is closed')
  }

  private idleThread(): PoolThread | undefined {
    let best: PoolThread | undefined
    for (const thread of this.threads) {
      if (!thread.job && (!best || thread.lane < best.lane)) best = thread
    }
    return best
  }

  private startThread(): PoolThread {
    const stopBuffer = new SharedArrayBuffer(4)
    const workerData: WorkerData = {
      stopBuffer,
      preloadDownloads: this.preloadDownloads,
      preloadProcess: this.preloadProcess
    }
    const worker = createWorker(this.entry, workerData)
    const lanes = new Set(this.threads.map((thread) => thread.lane))
    let lane = 0
    while (lanes.has(lane)) lane++
    const thread: PoolThread = {
      lane,
      worker,
      stopCell: new Int32Array(stopBuffer),
      job: undefined,
      idleTimer: undefined,
      ready: new Promise((resolve) => {
        const onReady = (message: FromWorker): void => {
          if (message.type !== 'ready') return
          worker.off('message', onReady)
          resolve()
        }
        worker.on('message', onReady)
        worker.once('exit', () => resolve())
      })
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
    const job = thread.job
    if (!job || job.id !== message.id) return
    if (message.type === 'started') {
      job.started = true
      if (!job.settled) job.listener.onStart(thread.lane)
      return
    }
    if (message.type === 'notice') {
      if (!job.settled) job.listener.onNotice(message.notice)
      return
    }
    this.idle(thread)
    // Settling is a no-op for a task already cancelled while its thread was starting.
    if (message.type === 'done') this.finish(job, { value: message.result })
    else this.finish(job, { error: fromTaskError(message.error) })
  }

  /** The thread has no task: it no longer keeps the process alive, and may time out. */
  private idle(thread: PoolThread): void {
    clearTimeout(thread.idleTimer)
    thread.job = undefined
    thread.worker.unref()
    if (this.idleTimeoutMs === undefined) return
    thread.idleTimer = setTimeout(() => this.retire(thread), this.idleTimeoutMs)
    thread.idleTimer.unref()
  }

  private retire(thread: PoolThread): void {
    const index = this.threads.indexOf(thread)
    if (index === -1 || thread.job) return
    this.threads.splice(index, 1)
    void thread.worker.terminate()
  }

  private onThreadLost(thread: PoolThread, error: Error): void {
    const index = this.threads.indexOf(thread)
    if (index === -1) return
    this.threads.splice(index, 1)
    clearTimeout(thread.idleTimer)
    if (thread.job) {
      const message = `the worker thread crashed: ${error.message}`
      this.finish(thread.job, { error: new TaskFailure('unknown', message) })
    }
    void thread.worker.terminate()
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

  private post(thread: PoolThread, message: ToWorker): void {
    thread.worker.postMessage(message)
  }
}
