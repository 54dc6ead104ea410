import pLimit from 'p-limit'
import type { LimitFunction } from 'p-limit'
import { BaseExecutor } from './executor.ts'
import type { ExecutorOptions, FutureImpl } from './executor.ts'
import { runInThisThread } from './run-in-this-thread.ts'

/**
 * Up to `concurrency` tasks in flight on this one thread, gated by p-limit.
 * Waiting overlaps (timers, sockets); blocking and computing do not.
 */
export class PromisePoolExecutor extends BaseExecutor {
  readonly strategy = 'pool' as const
  private readonly limit: LimitFunction
  /** Free slots, so each running task can be drawn on a lane of the timeline. */
  private readonly freeLanes: number[]

  constructor(options: ExecutorOptions) {
    super(options)
    this.limit = pLimit(options.concurrency)
    this.freeLanes = Array.from({ length: options.concurrency }, (_, lane) => lane)
  }

  protected schedule(future: FutureImpl): void {
    void this.limit(async () => {
      if (!future.begin()) return
      const lane = this.takeLane()
      try {
        await runInThisThread(future, lane, this.hooks)
      } finally {
        this.freeLanes.push(lane)
      }
    })
  }

  private takeLane(): number {
    this.freeLanes.sort((a, b) => a - b)
    return this.freeLanes.shift() ?? 0
  }
}
