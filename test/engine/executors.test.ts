import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_DOWNLOAD_LIMITS, STRATEGIES } from '../../src/common/defaults.ts'
import type { DownloadTask, SleepTask, Task } from '../../src/common/tasks.ts'
import { createExecutor } from '../../src/engine/create-executor.ts'
import { asCompleted } from '../../src/engine/executor.ts'
import type { Executor } from '../../src/engine/executor.ts'
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

    const futures = [0.25, 0.05, 0.15].map((s) => pool.submit(sleep(s)))
    const completed: number[] = []
    for await (const future of asCompleted(futures)) completed.push((await future.result()).seconds)
    // Sequential finishes in submission order; the pools finish the shortest first.
    expect(completed).toEqual(strategy === 'sequential' ? [0.25, 0.05, 0.15] : [0.05, 0.15, 0.25])
  })

  it('cancel stops a pending future, and a running one', async () => {
    const pool = make(1)
    const running = pool.submit(sleep(5))
    const pending = pool.submit(sleep(5))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(pending.cancel()).toBe(true)
    expect(pending.cancelled).toBe(true)
    await expect(pending.result()).rejects.toBeInstanceOf(CancelledError)
    const started = performance.now()
    expect(running.cancel()).toBe(true)
    await expect(running.result()).rejects.toMatchObject({ code: 'cancelled' })
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('an aborted signal cancels every future', async () => {
    const controller = new AbortController()
    const pool = (executor = createExecutor(strategy, {
      concurrency: 3,
      signal: controller.signal
    }))
    const futures = [1, 1, 1, 1, 1].map((s) => pool.submit(sleep(s)))
    setTimeout(() => controller.abort(), 50)
    const outcomes = await Promise.allSettled(futures.map((future) => future.result()))
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true)
    expect(() => pool.submit(sleep(1))).not.toThrow()
  })

  it('shutdown with cancelFutures cancels queued work and refuses new tasks', async () => {
    const pool = make(1)
    const first = pool.submit(sleep(0.1))
    const queued = pool.submit(sleep(5))
    await new Promise((resolve) => setTimeout(resolve, 20))
    await pool.shutdown({ wait: true, cancelFutures: true })
    await expect(first.result()).resolves.toMatchObject({ seconds: 0.1 })
    await expect(queued.result()).rejects.toBeInstanceOf(CancelledError)
    expect(() => pool.submit(sleep(0.1))).toThrow(/after shutdown/)
  })
})

describe('map, as Python', () => {
  it('raises a task error at its place and cancels the tasks not started', async () => {
    const pool = (executor = createExecutor('pool', { concurrency: 1 }))
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
    const started = performance.now()
    await expect(
      (async () => {
        for await (const result of pool.map<Task>([sleep(0.01), bad, last])) {
          if (result.kind === 'sleep') seen.push(result.seconds)
        }
      })()
    ).rejects.toMatchObject({ code: 'unsupported_protocol' })
    expect(seen).toEqual([0.01])
    // The 5 s sleep behind it was cancelled, not waited for.
    await pool.shutdown({ wait: true })
    expect(performance.now() - started).toBeLessThan(2000)
  })
})
