import type { Task, TaskResult } from '../../common/tasks.ts'
import type { Strategy } from '../../common/defaults.ts'
import type { Outcome, TaskNotice } from '../tasks/types.ts'
import { CancelledError } from '../task-error.ts'

/**
 * Python's concurrent.futures, retold: an executor runs tasks, `submit` gives a
 * future, `map` yields results in input order, `asCompleted` in finishing order.
 */
export interface Future<T extends Task = Task> {
  readonly id: number
  readonly task: T
  /** True once it finished, failed or was cancelled. */
  readonly done: boolean
  readonly cancelled: boolean
  /** The task's result; rejects with its error, or a CancelledError. */
  result(): Promise<TaskResult<T>>
  /** Cancels it if it has not started (as Python's), or stops it if it runs; false when already done. */
  cancel(): boolean
}

export interface ExecutorHooks {
  /**
   * A task began on a lane: its slot of the executor's `concurrency`, from 0, so
   * that no two running tasks share one. `thread`: the worker thread that carries
   * it (the workers strategy only), from 0; a thread may carry several downloads.
   */
  onStart?(future: Future, lane: number, thread?: number): void
  /** Progress or a retry, reported by the task while it runs. */
  onNotice?(future: Future, notice: TaskNotice): void
  /** The future finished, failed or was cancelled: the moment it did, whoever reads it later. */
  onSettled?(future: Future, outcome: Outcome): void
}

export interface ExecutorOptions {
  /** How many tasks run at once: Python's max_workers. */
  concurrency: number
  /** Aborting it cancels every future, pending or running. */
  signal?: AbortSignal
  hooks?: ExecutorHooks
}

export interface ShutdownOptions {
  /** Wait for running and queued tasks to settle (default true). */
  wait?: boolean
  /** Cancel the futures that have not started (default false). */
  cancelFutures?: boolean
}

export interface Executor {
  readonly strategy: Strategy
  readonly concurrency: number
  submit<T extends Task>(task: T): Future<T>
  /** Results in input order; a task's error is raised at its place and cancels the rest. */
  map<T extends Task>(tasks: Iterable<T>): AsyncGenerator<TaskResult<T>>
  shutdown(options?: ShutdownOptions): Promise<void>
}

/** Settles the futures' results as they finish, like Python's as_completed. */
export async function* asCompleted<F extends Future>(futures: Iterable<F>): AsyncGenerator<F> {
  const pending = new Set(futures)
  const settled: F[] = []
  let wake: (() => void) | undefined
  for (const future of pending) {
    const onSettled = (): void => {
      settled.push(future)
      wake?.()
    }
    future.result().then(onSettled, onSettled)
  }
  while (pending.size > 0) {
    if (settled.length === 0) await new Promise<void>((resolve) => (wake = resolve))
    wake = undefined
    const next = settled.shift()
    if (next === undefined) continue
    pending.delete(next)
    yield next
  }
}

type State = 'pending' | 'running' | 'finished'

/** A future the executors settle. `stop` is set by an executor while the task runs. */
export class FutureImpl<T extends Task = Task> implements Future<T> {
  readonly id: number
  readonly task: T
  private state: State = 'pending'
  private wasCancelled = false
  private readonly promise: Promise<TaskResult<T>>
  private resolvePromise!: (value: TaskResult<T>) => void
  private rejectPromise!: (error: unknown) => void
  /** Set while running: stops the task (aborts its signal, wakes a blocked worker). */
  stop: (() => void) | undefined

  constructor(id: number, task: T) {
    this.id = id
    this.task = task
    this.promise = new Promise<TaskResult<T>>((resolve, reject) => {
      this.resolvePromise = resolve
      this.rejectPromise = reject
    })
    // A caller that never reads a failed future must not crash the process.
    this.promise.catch(() => undefined)
  }

  get done(): boolean {
    return this.state === 'finished'
  }

  get cancelled(): boolean {
    return this.wasCancelled
  }

  get running(): boolean {
    return this.state === 'running'
  }

  result(): Promise<TaskResult<T>> {
    return this.promise
  }

  cancel(): boolean {
    if (this.state === 'finished') return false
    this.wasCancelled = true
    if (this.state === 'pending') this.settle({ error: new CancelledError() })
    else this.stop?.()
    return true
  }

  /** Marks it running; false if it was cancelled first (the executor then skips it). */
  begin(): boolean {
    if (this.state !== 'pending') return false
    this.state = 'running'
    return true
  }

  settle(outcome: Outcome<T>): void {
    if (this.state === 'finished') return
    this.state = 'finished'
    this.stop = undefined
    if ('value' in outcome) this.resolvePromise(outcome.value)
    else this.rejectPromise(outcome.error)
  }
}

/**
 * What the three executors share: futures, map, shutdown and the abort signal.
 * Each subclass says only how a future gets run.
 */
export abstract class BaseExecutor implements Executor {
  abstract readonly strategy: Strategy
  readonly concurrency: number
  protected readonly hooks: ExecutorHooks
  protected readonly signal: AbortSignal | undefined
  private nextId = 0
  private readonly live = new Set<FutureImpl>()
  private isShutdown = false

  constructor(options: ExecutorOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new RangeError(
        `concurrency must be a whole number of at least 1, not ${options.concurrency}`
      )
    }
    this.concurrency = options.concurrency
    this.hooks = options.hooks ?? {}
    this.signal = options.signal
    this.signal?.addEventListener('abort', () => this.cancelAll(), { once: true })
  }

  submit<T extends Task>(task: T): Future<T> {
    if (this.isShutdown) throw new Error('cannot submit a task after shutdown')
    const future = new FutureImpl(this.nextId++, task)
    this.live.add(future as FutureImpl)
    // Registered first, so the hooks hear of the outcome before any reader of the result.
    const settled = (outcome: Outcome): void => {
      this.live.delete(future as FutureImpl)
      this.hooks.onSettled?.(future, outcome)
    }
    future.result().then(
      (value) => settled({ value }),
      (error: unknown) => settled({ error })
    )
    if (this.signal?.aborted) future.cancel()
    else this.schedule(future as FutureImpl)
    return future
  }

  async *map<T extends Task>(tasks: Iterable<T>): AsyncGenerator<TaskResult<T>> {
    const futures = [...tasks].map((task) => this.submit(task))
    try {
      for (const future of futures) yield await future.result()
    } finally {
      // An error raised, or the caller stopped reading: as Python's map, cancel the rest.
      for (const future of futures) if (!future.done) future.cancel()
    }
  }

  async shutdown({ wait = true, cancelFutures = false }: ShutdownOptions = {}): Promise<void> {
    this.isShutdown = true
    if (cancelFutures) for (const future of this.live) if (!future.running) future.cancel()
    if (wait) await Promise.allSettled([...this.live].map((future) => future.result()))
    await this.close(wait)
  }

  /** Starts the future now or queues it. */
  protected abstract schedule(future: FutureImpl): void

  /** Releases threads or other resources once shut down. */
  protected async close(_wait: boolean): Promise<void> {}

  private cancelAll(): void {
    // The queued first, so that no cancelled running task makes room for one of them.
    const live = [...this.live]
    for (const future of live) if (!future.running) future.cancel()
    for (const future of live) future.cancel()
  }
}
