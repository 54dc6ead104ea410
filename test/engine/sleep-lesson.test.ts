import { availableParallelism, loadavg } from 'node:os'
import { describe, expect, it } from 'vitest'
import { runSleep } from '../../src/engine/run.ts'

const tenOf = (seconds: number): number[] => Array.from({ length: 10 }, () => seconds)

/**
 * The tutorial's lesson, as orderings and generous bounds rather than tight
 * times: a promise pool overlaps waiting but not blocking; worker threads
 * overlap both.
 */
describe('the sleep modes teach the lesson', () => {
  it('10 × timer 0.3 s in a pool end near 0.3 s; sequentially near 3 s', async () => {
    const pool = await runSleep({
      strategy: 'pool',
      concurrency: 10,
      seconds: tenOf(0.3),
      mode: 'timer',
      order: 'completed'
    })
    expect(pool.ok).toBe(10)
    expect(pool.elapsedMs).toBeGreaterThanOrEqual(295)
    expect(pool.elapsedMs).toBeLessThan(800)
    expect(new Set(pool.tasks.map((task) => task.lane)).size).toBe(10)
  })

  it('10 × block 0.3 s in a pool do not overlap; in workers they do', async () => {
    const pool = await runSleep({
      strategy: 'pool',
      concurrency: 10,
      seconds: tenOf(0.3),
      mode: 'block',
      order: 'completed'
    })
    const workers = await runSleep({
      strategy: 'workers',
      concurrency: 10,
      seconds: tenOf(0.3),
      mode: 'block',
      order: 'completed'
    })
    expect(pool.elapsedMs).toBeGreaterThanOrEqual(2900)
    expect(workers.ok).toBe(10)
    // Thread start-up on a small, busy machine costs a few hundred ms; still far from 3 s.
    expect(workers.elapsedMs).toBeLessThan(pool.elapsedMs * 0.75)
  })

  it('spin burns CPU: a pool cannot overlap it, workers spend the same CPU on several cores', async () => {
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
    const cpuBefore = process.cpuUsage()
    const workers = await runSleep({
      strategy: 'workers',
      concurrency: 4,
      seconds,
      mode: 'spin',
      order: 'completed'
    })
    const cpu = process.cpuUsage(cpuBefore)
    expect(sequential.elapsedMs).toBeGreaterThanOrEqual(780)
    expect(pool.elapsedMs).toBeGreaterThanOrEqual(780)
    // Each worker burned its 0.2 s of CPU: 0.8 s in all, whatever the wall clock.
    expect(workers.ok).toBe(4)
    expect((cpu.user + cpu.system) / 1000).toBeGreaterThanOrEqual(780)
  })

  it('spin in workers overlaps across free cores, where a pool cannot', async (ctx) => {
    // Overlap needs a free core: on a machine busy with other work there is none to win.
    const idleCores = availableParallelism() - (loadavg()[0] ?? 0)
    ctx.skip(idleCores < 1.5, `needs a free core; ${idleCores.toFixed(1)} idle here`)
    const run = (strategy: 'pool' | 'workers') =>
      runSleep({
        strategy,
        concurrency: 4,
        seconds: [0.2, 0.2, 0.2, 0.2],
        mode: 'spin',
        order: 'completed'
      })
    const pool = await run('pool')
    const workers = await run('workers')
    expect(workers.elapsedMs).toBeLessThan(pool.elapsedMs)
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
    for (const run of [completed, mapped]) expect(run.elapsedMs).toBeLessThan(900)
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
  })

  it('a cancelled sleep run ends quickly, blocked workers included', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 600)
    const run = await runSleep({
      strategy: 'workers',
      concurrency: 3,
      seconds: [10, 10, 10, 10],
      mode: 'block',
      order: 'completed',
      signal: controller.signal
    })
    expect(run.cancelled).toBe(4)
    expect(run.elapsedMs).toBeLessThan(2000)
  })
})
