import { afterEach, describe, expect, it, vi } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { runSleep } from '../../src/engine/run.ts'
import { WorkerPool } from '../../src/engine/threads/worker-pool.ts'
import { maxConcurrent, overlapsOnDifferentLanes, startGaps } from '../helpers/intervals.ts'

// Worker threads and CPU-bound sleeps: a busy machine makes a test several times as long.
vi.setConfig({ testTimeout: 120_000 })

const tenOf = (seconds: number): number[] => Array.from({ length: 10 }, () => seconds)

const pools: WorkerPool[] = []
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()))
})

/** Threads started and loaded before the run, as the app keeps them: the run shows only the overlap. */
async function warmPool(threads: number): Promise<WorkerPool> {
  const pool = new WorkerPool()
  pools.push(pool)
  await pool.warmUp(threads)
  return pool
}

/**
 * The tutorial's lesson, read from the run's records rather than from how fast
 * the machine is: which tasks ran at the same time, on which lanes, in which
 * order. A promise pool overlaps waiting but not blocking or computing; worker
 * threads overlap all three. How much faster that makes them, across how many
 * cores, is the benchmark's to measure (`npm run bench -- --only 5`).
 */
describe('the sleep modes teach the lesson', () => {
  it('10 × timer 0.3 s in a pool all wait at once, on 10 lanes', async () => {
    const pool = await runSleep({
      strategy: 'pool',
      concurrency: 10,
      seconds: tenOf(0.3),
      mode: 'timer',
      order: 'completed'
    })
    expect(pool.ok).toBe(10)
    expect(maxConcurrent(pool.tasks)).toBe(10)
    expect(new Set(pool.tasks.map((task) => task.lane)).size).toBe(10)
    // Nothing waits less than it was asked to.
    expect(pool.elapsedMs).toBeGreaterThanOrEqual(295)
  })

  it('10 × block 0.3 s in a pool do not overlap; in workers they do', async () => {
    const pool = await runSleep({
      strategy: 'pool',
      concurrency: 10,
      seconds: tenOf(0.3),
      mode: 'block',
      order: 'completed'
    })
    expect(pool.ok).toBe(10)
    // A blocked thread starts nothing else: each sleep starts once the one before has blocked its 0.3 s.
    for (const gap of startGaps(pool.tasks)) expect(gap).toBeGreaterThanOrEqual(270)
    expect(pool.elapsedMs).toBeGreaterThanOrEqual(2700)

    const workers = await runSleep({
      strategy: 'workers',
      concurrency: 10,
      seconds: tenOf(0.3),
      mode: 'block',
      order: 'completed',
      workerPool: await warmPool(10)
    })
    expect(workers.ok).toBe(10)
    // Each thread blocks alone: sleeps on different lanes ran at the same time.
    expect(overlapsOnDifferentLanes(workers.tasks).length).toBeGreaterThan(0)
    expect(maxConcurrent(workers.tasks)).toBeGreaterThanOrEqual(2)
  })

  it('spin burns CPU: a pool runs one at a time; workers run them at once, spending the same CPU', async () => {
    const seconds = [0.2, 0.2, 0.2, 0.2]
    const sequential = await runSleep({
      strategy: 'sequential',
      concurrency: 1,
      seconds,
      mode: 'spin',
      order: 'completed'
    })
    const pool = await runSleep({
      strategy: 'pool',
      concurrency: 4,
      seconds,
      mode: 'spin',
      order: 'completed'
    })
    for (const run of [sequential, pool]) {
      expect(run.ok).toBe(4)
      // A spin holds the thread for its 0.2 s of CPU, so the next one starts after it.
      for (const gap of startGaps(run.tasks)) expect(gap).toBeGreaterThanOrEqual(180)
    }
    const workerPool = await warmPool(4)
    const cpuBefore = process.cpuUsage()
    const workers = await runSleep({
      strategy: 'workers',
      concurrency: 4,
      seconds,
      mode: 'spin',
      order: 'completed',
      workerPool
    })
    const cpu = process.cpuUsage(cpuBefore)
    expect(workers.ok).toBe(4)
    // Each worker burned its 0.2 s of CPU: 0.8 s in all, whatever the wall clock...
    expect((cpu.user + cpu.system) / 1000).toBeGreaterThanOrEqual(780)
    // ...on threads of their own, at the same time: the OS spreads them over the free cores.
    expect(overlapsOnDifferentLanes(workers.tasks).length).toBeGreaterThan(0)
  })

  it('as_completed yields 1..5 and map yields 5..1 for sleeps of 5,4,3,2,1 (scaled)', async () => {
    const seconds = [0.5, 0.4, 0.3, 0.2, 0.1]
    const completed = await runSleep({
      strategy: 'pool',
      concurrency: 5,
      seconds,
      mode: 'timer',
      order: 'completed'
    })
    const mapped = await runSleep({
      strategy: 'pool',
      concurrency: 5,
      seconds,
      mode: 'timer',
      order: 'submitted'
    })
    expect(completed.results.map((result) => result.message)).toEqual([
      'Done Sleeping...0.1',
      'Done Sleeping...0.2',
      'Done Sleeping...0.3',
      'Done Sleeping...0.4',
      'Done Sleeping...0.5'
    ])
    expect(mapped.results.map((result) => result.seconds)).toEqual(seconds)
    // map waits for the first (longest), but each task still ended at its own time.
    expect(mapped.tasks[4]?.endMs).toBeLessThan(mapped.tasks[0]?.endMs ?? 0)
    // Both orders ran the five sleeps at once; only the reading order differs.
    for (const run of [completed, mapped]) expect(maxConcurrent(run.tasks)).toBe(5)
  })

  it('sequential is a staircase on one lane', async () => {
    const run = await runSleep({
      strategy: 'sequential',
      concurrency: 8,
      seconds: [0.1, 0.1, 0.1],
      mode: 'timer',
      order: 'completed'
    })
    expect(run.concurrency).toBe(1)
    expect(run.tasks.map((task) => task.lane)).toEqual([0, 0, 0])
    for (let i = 1; i < run.tasks.length; i++) {
      expect(run.tasks[i]?.startMs).toBeGreaterThanOrEqual(run.tasks[i - 1]?.endMs ?? Infinity)
    }
    expect(maxConcurrent(run.tasks)).toBe(1)
  })

  it('a cancelled sleep run ends without waiting out its sleeps, blocked workers included', async () => {
    const controller = new AbortController()
    let started = 0
    const run = await runSleep({
      strategy: 'workers',
      concurrency: 3,
      // 600 s each: past the test's time limit, so only the cancel waking them can end the run.
      seconds: [600, 600, 600, 600],
      mode: 'block',
      order: 'completed',
      signal: controller.signal,
      // Cancelled once the three threads are blocked in their sleep.
      onEvent: (event: RunEvent) => {
        if (event.type === 'task-started' && ++started === 3) controller.abort()
      }
    })
    expect(run.cancelled).toBe(4)
    const blocked = run.tasks.filter((task) => task.startMs !== null)
    expect(blocked).toHaveLength(3)
    expect(blocked.map((task) => task.status)).toEqual(['cancelled', 'cancelled', 'cancelled'])
  })
})
