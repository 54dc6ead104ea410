import { afterEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_DOWNLOAD_LIMITS,
  defaultConcurrency,
  STRATEGIES
} from '../../src/common/defaults.ts'
import type { DownloadTask, SleepTask, Task } from '../../src/common/tasks.ts'
import { createExecutor } from '../../src/engine/executors/create-executor.ts'
import { asCompleted } from '../../src/engine/executors/executor.ts'
import type { Executor, ExecutorHooks, Future } from '../../src/engine/executors/executor.ts'
import { CancelledError } from '../../src/engine/task-error.ts'

const sleep = (seconds: number, mode: SleepTask['mode'] = 'timer'): SleepTask => ({
  kind: 'sleep',
  seconds,
  mode
})

let executor: Executor | undefined
afterEach(async () => {
  await executor?.shutdown({ wait: true, cancelFutures: true })
  executor = undefined
})

/** Hooks that tell when tasks have started (a worker thread first loads its code) and how each settled. */
function watch(): {
  hooks: ExecutorHooks
  started: (count: number) => Promise<void>
  outcomes: Map<Future, 'value' | 'error'>
} {
  const outcomes = new Map<Future, 'value' | 'error'>()
  let count = 0
  const waiters: { count: number; resolve: () => void }[] = []
  return {
    outcomes,
    hooks: {
      onStart: () => {
        count++
        for (const waiter of waiters) if (count >= waiter.count) waiter.resolve()
      },
      onSettled: (future, outcome) => outcomes.set(future, 'value' in outcome ? 'value' : 'error')
    },
    started: (wanted) =>
      new Promise<void>((resolve) => {
        if (count >= wanted) resolve()
        else waiters.push({ count: wanted, resolve })
      })
  }
}

describe.each(STRATEGIES)('%s executor', (strategy) => {
  const make = (concurrency = 4): Executor => (executor = createExecutor(strategy, { concurrency }))

  it('submit gives a future with the result and done', async () => {
    const future = make().submit(sleep(0.01))
    expect(future.done).toBe(false)
    await expect(future.result()).resolves.toEqual({
      kind: 'sleep',
      seconds: 0.01,
      message: 'Done Sleeping...0.01'
    })
    expect(future.done).toBe(true)
    expect(future.cancel()).toBe(false)
  })

  it('map yields in input order, asCompleted in finishing order', async () => {
    const pool = make(5)
    const mapped: number[] = []
    for await (const result of pool.map([0.25, 0.2, 0.15, 0.1, 0.05].map((s) => sleep(s))))
      mapped.push(result.seconds)
    expect(mapped).toEqual([0.25, 0.2, 0.15, 0.1, 0.05])

    // A quarter of a second apart, so that threads a busy machine wakes late still finish in order.
    const futures = [0.55, 0.05, 0.3].map((s) => pool.submit(sleep(s)))
    const completed: number[] = []
    for await (const future of asCompleted(futures)) completed.push((await future.result()).seconds)
    // Sequential finishes in submission order; the pools finish the shortest first.
    expect(completed).toEqual(strategy === 'sequential' ? [0.55, 0.05, 0.3] : [0.05, 0.3, 0.55])
  })

  it('cancel stops a pending future, and a running one', async () => {
    const { hooks, started } = watch()
    const pool = (executor = createExecutor(strategy, { concurrency: 1, hooks }))
    // 600 s: far past the test's time limit, so only the cancel stopping it can end the test.
    const running = pool.submit(sleep(600))
    const pending = pool.submit(sleep(600))
    await started(1)
    expect(pending.cancel()).toBe(true)
    expect(pending.cancelled).toBe(true)
    await expect(pending.result()).rejects.toBeInstanceOf(CancelledError)
    expect(running.cancel()).toBe(true)
    await expect(running.result()).rejects.toMatchObject({ code: 'cancelled' })
  })

  it('an aborted signal cancels every future, running, queued and submitted later', async () => {
    const controller = new AbortController()
    const { hooks, started, outcomes } = watch()
    const pool = (executor = createExecutor(strategy, {
      concurrency: 3,
      signal: controller.signal,
      hooks
    }))
    const futures = [5, 5, 5, 5, 5].map((s) => pool.submit(sleep(s)))
    await started(1)
    controller.abort()
    const settled = await Promise.allSettled(futures.map((future) => future.result()))
    for (const outcome of settled) {
      expect(outcome.status).toBe('rejected')
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(CancelledError)
    }
    // A task submitted after the abort never runs: it is cancelled at once.
    const late = pool.submit(sleep(0.01))
    expect(late.cancelled).toBe(true)
    await expect(late.result()).rejects.toBeInstanceOf(CancelledError)
    expect(outcomes.get(late)).toBe('error')
  })

  it('shutdown with cancelFutures cancels queued work and refuses new tasks', async () => {
    const { hooks, started } = watch()
    const pool = (executor = createExecutor(strategy, { concurrency: 1, hooks }))
    const first = pool.submit(sleep(0.1))
    const queued = pool.submit(sleep(5))
    await started(1)
    await pool.shutdown({ wait: true, cancelFutures: true })
    await expect(first.result()).resolves.toMatchObject({ seconds: 0.1 })
    await expect(queued.result()).rejects.toBeInstanceOf(CancelledError)
    expect(() => pool.submit(sleep(0.1))).toThrow(/after shutdown/)
  })
})

describe('map, as Python', () => {
  it('raises a task error at its place and cancels the tasks behind it', async () => {
    const { hooks, outcomes } = watch()
    const pool = (executor = createExecutor('pool', { concurrency: 1, hooks }))
    // An ftp: URL fails at once, without the network: an error at position 1.
    const bad: DownloadTask = {
      kind: 'download',
      url: 'ftp://example.test/a.jpg',
      dir: '.',
      fileName: 'a.jpg',
      limits: DEFAULT_DOWNLOAD_LIMITS
    }
    const last = sleep(5)
    const seen: number[] = []
    await expect(
      (async () => {
        for await (const result of pool.map<Task>([sleep(0.01), bad, last])) {
          if (result.kind === 'sleep') seen.push(result.seconds)
        }
      })()
    ).rejects.toMatchObject({ code: 'unsupported_protocol' })
    expect(seen).toEqual([0.01])
    // The 5 s sleep behind it was cancelled, not run to its end.
    await pool.shutdown({ wait: true })
    const lastOutcome = [...outcomes].find(([future]) => future.task === last)
    expect(lastOutcome?.[1]).toBe('error')
  })
})

describe('the default concurrency, as Python’s ThreadPoolExecutor', () => {
  it('is min(32, cpus + 4): 4 more than the cores, and never above 32', () => {
    expect([1, 2, 4, 8, 27, 28].map(defaultConcurrency)).toEqual([5, 6, 8, 12, 31, 32])
    expect([29, 64, 128, 1024].map(defaultConcurrency)).toEqual([32, 32, 32, 32])
    // A machine that reports no CPU still gets a pool.
    expect(defaultConcurrency(0)).toBe(5)
  })
})
