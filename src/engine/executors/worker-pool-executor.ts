import { BaseExecutor } from './executor.ts'
import type { ExecutorOptions, FutureImpl } from './executor.ts'
import { WorkerPool } from '../threads/worker-pool.ts'

export interface WorkerPoolExecutorOptions extends ExecutorOptions {
  /**
   * Threads kept across runs (the app's and `compare`'s). Without it the executor
   * starts a pool of its own and ends it at shutdown, as a Python `with` block.
   */
  workerPool?: WorkerPool
  /** An own pool's threads load the download code as they start (for download runs). */
  preloadDownloads?: boolean
  /** An own pool's threads load the processing code and sharp as they start (processing runs). */
  preloadProcess?: boolean
}

/**
 * Python's ThreadPoolExecutor: at most `concurrency` tasks run at once on worker
 * threads, so anything (waiting, blocking, computing) overlaps up to the number of
 * cores. A sleep or a processing task has a thread of its own; downloads, which
 * wait on sockets, share a few (threads/placement.ts). Each running task has a
 * lane, its slot of `concurrency`, as the promise pool's. The threads come from a
 * WorkerPool: one the caller keeps across runs, or one started for this executor alone.
 */
export class WorkerPoolExecutor extends BaseExecutor {
  readonly strategy = 'workers' as const
  private readonly pool: WorkerPool
  private readonly ownsPool: boolean
  private readonly queue: FutureImpl[] = []
  /** Futures given to the pool and not yet settled. */
  private readonly running = new Set<FutureImpl>()
  /**
   * Tasks its threads hold: at most `concurrency`. A task cancelled while its
   * thread starts is settled at once but held until the thread answers, so a
   * cancel never starts new threads for the tasks behind it.
   */
  private held = 0
  /** Lanes not held by a task, so no two running tasks are drawn on one. */
  private readonly freeLanes: number[]
  private closing = false
  private closed = false

  constructor(options: WorkerPoolExecutorOptions) {
    super(options)
    this.ownsPool = options.workerPool === undefined
    this.freeLanes = Array.from({ length: options.concurrency }, (_, lane) => lane)
    this.pool =
      options.workerPool ??
      new WorkerPool({
        preloadDownloads: options.preloadDownloads,
        preloadProcess: options.preloadProcess
      })
  }

  protected schedule(future: FutureImpl): void {
    this.queue.push(future)
    this.pump()
  }

  private pump(): void {
    while (this.queue.length > 0 && this.held < this.concurrency && !this.closed) {
      const future = this.queue.shift()
      if (future?.begin()) this.dispatch(future)
    }
  }

  private dispatch(future: FutureImpl): void {
    this.running.add(future)
    this.held++
    // A lane is held as long as the thread holds the task, so there is always one free here.
    this.freeLanes.sort((a, b) => a - b)
    const lane = this.freeLanes.shift() ?? 0
    const handle = this.pool.run(future.task, {
      onStart: (thread) => {
        if (!future.done) this.hooks.onStart?.(future, lane, thread)
      },
      onNotice: (notice) => {
        if (!future.done) this.hooks.onNotice?.(future, notice)
      },
      onSettled: (outcome) => {
        this.running.delete(future)
        future.settle(outcome)
        void this.closeWhenIdle()
      },
      onReleased: () => {
        this.freeLanes.push(lane)
        this.held--
        this.pump()
      }
    })
    future.stop = () => handle.stop()
  }

  /** shutdown({ wait: false }) lets queued and running tasks finish, then ends an own pool's threads. */
  protected override async close(wait: boolean): Promise<void> {
    this.closing = true
    if (wait) await this.closeWhenIdle()
    else void this.closeWhenIdle()
  }

  private async closeWhenIdle(): Promise<void> {
    if (!this.closing || this.closed) return
    // A task cancelled while its thread was still starting is settled and not waited
    // for (under load a thread can take seconds to finish loading).
    if (this.queue.some((future) => !future.done) || this.running.size > 0) return
    this.closed = true
    if (this.ownsPool) await this.pool.close()
  }
}
