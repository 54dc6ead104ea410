import { BaseExecutor } from './executor.ts'
import type { ExecutorOptions, FutureImpl } from './executor.ts'
import { runInThisThread } from './run-in-this-thread.ts'

/** One task after another on this thread: the tutorial's plain loop. */
export class SequentialExecutor extends BaseExecutor {
  readonly strategy = 'sequential' as const
  private readonly queue: FutureImpl[] = []
  private draining = false

  constructor(options: Omit<ExecutorOptions, 'concurrency'> = {}) {
    super({ ...options, concurrency: 1 })
  }

  protected schedule(future: FutureImpl): void {
    this.queue.push(future)
    // Start on a microtask, so submit() returns before a blocking task holds the thread.
    if (!this.draining) queueMicrotask(() => void this.drain())
    this.draining = true
  }

  private async drain(): Promise<void> {
    for (let future = this.queue.shift(); future; future = this.queue.shift()) {
      if (!future.begin()) continue
      await runInThisThread(future, 0, this.hooks)
      // Let whoever awaits this result read it before the next task starts, as a plain loop would.
      await new Promise((resolve) => setImmediate(resolve))
    }
    this.draining = false
  }
}
