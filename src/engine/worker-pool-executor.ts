import { Worker } from 'node:worker_threads'
import { BaseExecutor } from './executor.ts'
import type { ExecutorOptions, FutureImpl } from './executor.ts'
import { CancelledError, fromTaskError, TaskFailure } from './task-error.ts'
import type { FromWorker, ToWorker, WorkerData } from './worker-messages.ts'

export interface WorkerPoolOptions extends ExecutorOptions {
  /**
   * The worker's entry file: electron-vite's `?modulePath` import in the app,
   * `new URL('./worker.ts', import.meta.url)` (the default) under Node 24.
   */
  workerEntry?: string | URL
  /** Threads load the download code as they start (for download runs). */
  preloadDownloads?: boolean
}

interface PoolThread {
  lane: number
  worker: Worker
  stopCell: Int32Array
  busy: FutureImpl | undefined
  /** The thread has picked up its task (a cold thread may still be loading). */
  started: boolean
  /** Resolves when the thread has loaded its code (not merely started). */
  ready: Promise<void>
}

export const DEFAULT_WORKER_ENTRY = new URL('./worker.ts', import.meta.url)

/**
 * A pool of reused worker threads, like Python's ThreadPoolExecutor: a thread is
 * started when a task waits and fewer than `concurrency` exist, then kept for
 * the next tasks. Each thread runs one task at a time, so anything (waiting,
 * blocking, computing) overlaps up to the number of cores.
 */
export class WorkerPoolExecutor extends BaseExecutor {
  readonly strategy = 'workers' as const
  private readonly entry: string | URL
  private readonly preloadDownloads: boolean
  private readonly threads: PoolThread[] = []
  private readonly queue: FutureImpl[] = []
  private closing = false
  private closed = false

  constructor(options: WorkerPoolOptions) {
    super(options)
    this.entry = options.workerEntry ?? DEFAULT_WORKER_ENTRY
    this.preloadDownloads = options.preloadDownloads ?? false
  }

  /** Threads started so far (they are kept until shutdown). */
  get threadCount(): number {
    return this.threads.length
  }

  /** Starts all threads now and waits until each has loaded its code: a warm pool. */
  async warmUp(): Promise<void> {
    while (this.threads.length < this.concurrency) this.startThread()
    await Promise.all(this.threads.map((thread) => thread.ready))
  }

  protected schedule(future: FutureImpl): void {
    this.queue.push(future)
    this.pump()
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      const thread =
        this.threads.find((candidate) => !candidate.busy) ??
        (this.threads.length < this.concurrency ? this.startThread() : undefined)
      if (!thread) return
      const future = this.queue.shift()
      if (future?.begin()) this.dispatch(thread, future)
    }
  }

  private dispatch(thread: PoolThread, future: FutureImpl): void {
    thread.busy = future
    thread.started = false
    Atomics.store(thread.stopCell, 0, 0)
    future.stop = () => {
      // Wakes a thread blocked in Atomics.wait or spinning; aborts one that awaits.
      Atomics.store(thread.stopCell, 0, 1)
      Atomics.notify(thread.stopCell, 0)
      this.post(thread, { type: 'cancel', id: future.id })
      // A thread still starting up will see the stop cell before it touches a file:
      // the task is cancelled now, without waiting for the thread to load. The
      // thread stays busy until it answers.
      if (!thread.started) future.settle({ error: new CancelledError() })
    }
    this.post(thread, { type: 'run', id: future.id, task: future.task })
  }

  private post(thread: PoolThread, message: ToWorker): void {
    thread.worker.postMessage(message)
  }

  private startThread(): PoolThread {
    const stopBuffer = new SharedArrayBuffer(4)
    const workerData: WorkerData = { stopBuffer, preloadDownloads: this.preloadDownloads }
    const worker = new Worker(this.entry, { workerData })
    const lanes = new Set(this.threads.map((thread) => thread.lane))
    let lane = 0
    while (lanes.has(lane)) lane++
    const thread: PoolThread = {
      lane,
      worker,
      stopCell: new Int32Array(stopBuffer),
      busy: undefined,
      started: false,
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
      if (!this.closed)
        this.onThreadLost(thread, new Error(`worker thread exited with code ${code}`))
    })
    this.threads.push(thread)
    return thread
  }

  private onMessage(thread: PoolThread, message: FromWorker): void {
    if (message.type === 'ready') return
    const future = thread.busy
    if (!future || future.id !== message.id) return
    // The task starts when its thread picks it up, so a cold thread's start-up shows on the timeline.
    if (message.type === 'started') {
      thread.started = true
      if (!future.done) this.hooks.onStart?.(future, thread.lane)
      return
    }
    if (message.type === 'notice') {
      if (!future.done) this.hooks.onNotice?.(future, message.notice)
      return
    }
    thread.busy = undefined
    // A no-op for a future already cancelled while its thread was starting.
    if (message.type === 'done') future.settle({ value: message.result })
    else future.settle({ error: fromTaskError(message.error) })
    this.pump()
    void this.terminateWhenIdle()
  }

  private onThreadLost(thread: PoolThread, error: Error): void {
    const index = this.threads.indexOf(thread)
    if (index === -1) return
    this.threads.splice(index, 1)
    thread.busy?.settle({
      error: new TaskFailure('unknown', `the worker thread crashed: ${error.message}`)
    })
    thread.busy = undefined
    void thread.worker.terminate()
    this.pump()
    void this.terminateWhenIdle()
  }

  /** shutdown({ wait: false }) lets queued and running tasks finish, then ends the threads. */
  protected override async close(wait: boolean): Promise<void> {
    this.closing = true
    if (wait) await this.terminateWhenIdle()
    else void this.terminateWhenIdle()
  }

  private async terminateWhenIdle(): Promise<void> {
    if (!this.closing || this.closed) return
    // A thread whose task was cancelled while it was still starting has nothing left to
    // do for us: it is not waited for (under load it can take seconds to finish loading).
    const working = (thread: PoolThread): boolean => thread.busy !== undefined && !thread.busy.done
    if (this.queue.some((future) => !future.done) || this.threads.some(working)) return
    this.closed = true
    const threads = this.threads.splice(0)
    await Promise.all(threads.map((thread) => thread.worker.terminate()))
  }
}
