import { execFile } from 'node:child_process'
import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { runDownloads, runSleep } from '../../src/engine/run.ts'
import type { SleepRunOptions } from '../../src/engine/run.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SleepTask } from '../../src/common/tasks.ts'
import { CancelledError } from '../../src/engine/task-error.ts'
import { WorkerPoolExecutor } from '../../src/engine/executors/worker-pool-executor.ts'
import { WorkerPool } from '../../src/engine/threads/worker-pool.ts'
import { keptWorkerPool } from '../../src/main/service/runs/kept-worker-pool.ts'
import { filesIn, tempDir } from '../helpers/temp-dir.ts'

// Worker threads and child processes: a busy machine makes a test several times as long.
vi.setConfig({ testTimeout: 120_000 })

const root = join(import.meta.dirname, '../..')
const pools: WorkerPool[] = []
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()))
})

function keptPool(options: ConstructorParameters<typeof WorkerPool>[0] = {}): WorkerPool {
  const pool = new WorkerPool(options)
  pools.push(pool)
  return pool
}

async function sleepOn(
  pool: WorkerPool,
  seconds: number[],
  options: Partial<SleepRunOptions> = {}
): Promise<{ lanes: number[]; summary: Awaited<ReturnType<typeof runSleep>> }> {
  const lanes: number[] = []
  const summary = await runSleep({
    strategy: 'workers',
    concurrency: seconds.length,
    seconds,
    mode: 'timer',
    order: 'completed',
    workerPool: pool,
    onEvent: (event: RunEvent) => {
      if (event.type === 'task-started') lanes.push(event.lane)
    },
    ...options
  })
  return { lanes, summary }
}

function sleep(seconds: number, mode: SleepTask['mode'] = 'timer'): SleepTask {
  return { kind: 'sleep', seconds, mode }
}

describe('a worker pool kept across runs', () => {
  it('runs the second run on the threads the first one started', async () => {
    const pool = keptPool()
    const first = await sleepOn(pool, [0.05, 0.05, 0.05, 0.05])
    expect(first.summary.ok).toBe(4)
    expect(pool.threadsStarted).toBe(4)

    const second = await sleepOn(pool, [0.05, 0.05, 0.05, 0.05])
    expect(second.summary.ok).toBe(4)
    expect(pool.threadsStarted).toBe(4)
    expect(pool.threadCount).toBe(4)
    expect(new Set(second.lanes)).toEqual(new Set([0, 1, 2, 3]))
  })

  it('gives a run of lower concurrency the lowest lanes and no more threads', async () => {
    const pool = keptPool()
    await pool.warmUp(6)
    const { lanes, summary } = await sleepOn(pool, [0.02, 0.02, 0.02, 0.02, 0.02, 0.02], {
      concurrency: 2
    })
    expect(summary.ok).toBe(6)
    expect(new Set(lanes)).toEqual(new Set([0, 1]))
    expect(pool.threadsStarted).toBe(6)
  })

  it('stays usable after a run is cancelled mid-task, without new threads', async () => {
    const pool = keptPool()
    const abort = new AbortController()
    let started = 0
    // Threads blocked in Atomics.wait: only the stop cell can reach them.
    const cancelled = await sleepOn(pool, [10, 10, 10], {
      mode: 'block',
      signal: abort.signal,
      onEvent: (event) => {
        if (event.type === 'task-started' && ++started === 3) abort.abort()
      }
    })
    expect(cancelled.summary.cancelled).toBe(3)

    const next = await sleepOn(pool, [0.02, 0.02, 0.02])
    expect(next.summary.ok).toBe(3)
    expect(pool.threadsStarted).toBe(3)
  })

  it('ends idle threads after the idle timeout, and starts new ones when needed', async () => {
    const pool = keptPool({ idleTimeoutMs: 100 })
    await sleepOn(pool, [0.01, 0.01])
    expect(pool.threadsStarted).toBe(2)
    await vi.waitFor(() => expect(pool.threadCount).toBe(0), { timeout: 60_000, interval: 20 })

    const again = await sleepOn(pool, [0.01, 0.01])
    expect(again.summary.ok).toBe(2)
    expect(pool.threadsStarted).toBe(4)
  })

  it('replaces a thread that crashes, failing only its own task', async () => {
    const pool = keptPool({
      workerEntry: new URL('./fixtures/crashing-worker.ts', import.meta.url)
    })
    const { summary } = await sleepOn(pool, [13, 0.05, 0.05])
    expect(summary.ok).toBe(2)
    expect(summary.failed).toBe(1)
    expect(summary.tasks[0]?.error?.message).toMatch(/worker thread crashed.*code 3/)

    const next = await sleepOn(pool, [0.01, 0.01, 0.01])
    expect(next.summary.ok).toBe(3)
    expect(pool.threadCount).toBe(3)
  })

  it('fails each task with the reason when a thread cannot start, and the run ends', async () => {
    const pool = keptPool({ workerEntry: 'not-a-relative-path.ts' })
    const { summary } = await sleepOn(pool, [0.01, 0.01])
    expect(summary.failed).toBe(2)
    for (const task of summary.tasks) {
      expect(task.error?.message).toMatch(/^cannot start a worker thread: .*not-a-relative-path/)
    }
  })

  it('starts no thread for the tasks behind one cancelled while its thread starts', async () => {
    const pool = keptPool()
    const executor = new WorkerPoolExecutor({ concurrency: 2, workerPool: pool })
    const futures = Array.from({ length: 6 }, () => executor.submit(sleep(0.05)))
    // Both threads are still loading: the two tasks settle at once, but hold their threads.
    expect(futures[0]?.cancel()).toBe(true)
    expect(futures[1]?.cancel()).toBe(true)
    expect(pool.threadsStarted).toBe(2)
    const rest = await Promise.allSettled(futures.slice(2).map((future) => future.result()))
    expect(rest.map((outcome) => outcome.status)).toEqual(Array(4).fill('fulfilled'))
    expect(pool.threadsStarted).toBe(2)
    await executor.shutdown()
  })

  it('cancels a whole run whose threads are still starting on as many threads as it asked for', async () => {
    const pool = keptPool()
    const abort = new AbortController()
    const run = sleepOn(pool, Array(20).fill(1), { concurrency: 2, signal: abort.signal })
    abort.abort()
    const { summary } = await run
    expect(summary.cancelled).toBe(20)
    expect(pool.threadsStarted).toBe(2)
  })

  it('settles every task and ends every thread when closed mid-run', async () => {
    const pool = new WorkerPool()
    await pool.warmUp(2)
    let started = 0
    const run = sleepOn(pool, [10, 10, 10, 10], {
      concurrency: 2,
      mode: 'block',
      onEvent: (event) => {
        if (event.type === 'task-started' && ++started === 2) void pool.close()
      }
    })
    const { summary } = await run
    expect(summary.ok).toBe(0)
    expect(summary.cancelled).toBe(2)
    expect(summary.failed).toBe(2)
    expect(summary.tasks[3]?.error?.message).toBe('the worker pool was closed')
    expect(pool.threadCount).toBe(0)
  })

  it('settles and releases a running task exactly once when closed', async () => {
    const pool = new WorkerPool()
    const outcomes: unknown[] = []
    let released = 0
    await new Promise<void>((resolve) => {
      pool.run(sleep(10, 'block'), {
        onStart: () => resolve(),
        onNotice: () => undefined,
        onSettled: (outcome) => outcomes.push(outcome),
        onReleased: () => released++
      })
    })
    await pool.close()
    await pool.close()
    expect(outcomes).toHaveLength(1)
    expect((outcomes[0] as { error?: unknown }).error).toBeInstanceOf(CancelledError)
    expect(released).toBe(1)
  })

  it('fails the tasks of a run given a closed pool, with the reason', async () => {
    const pool = keptPool()
    await sleepOn(pool, [0.01])
    await pool.close()
    expect(pool.threadCount).toBe(0)
    const { summary } = await sleepOn(pool, [0.01])
    expect(summary.tasks[0]?.error?.message).toBe('the worker pool was closed')
  })
})

describe("the app's kept threads", () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('stay a minute idle for the next run, then end', async () => {
    // The pool's idle timers are faked; the threads and their sleeps run on real time.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const pool = keptWorkerPool()
    pools.push(pool)
    const { summary } = await sleepOn(pool, [0.01, 0.01])
    expect(summary.ok).toBe(2)
    expect(pool.threadCount).toBe(2)
    vi.advanceTimersByTime(59_999)
    expect(pool.threadCount).toBe(2)
    vi.advanceTimersByTime(1)
    expect(pool.threadCount).toBe(0)
  })
})

describe('a kept thread that has only slept', () => {
  let cdn: SimulatedCdn
  beforeAll(async () => {
    cdn = await startSimulatedCdn({ count: 4, sizeKB: 64, latencyMs: 5, bandwidthKBps: 0 })
  })
  afterAll(() => cdn.close())

  it('loads the download code and saves the images', async () => {
    const pool = keptPool()
    await sleepOn(pool, [0.01, 0.01])
    const dir = await tempDir()
    try {
      const summary = await runDownloads({
        strategy: 'workers',
        concurrency: 2,
        urls: cdn.urls,
        dir: dir.path,
        workerPool: pool
      })
      expect(summary.ok).toBe(4)
      expect(await filesIn(dir.path)).toHaveLength(4)
      expect(pool.threadsStarted).toBe(2)
    } finally {
      await dir.cleanup()
    }
  })
})

describe('worker threads outside a test runner', () => {
  const node = process.execPath
  const run = promisify(execFile)

  it('do not keep the process alive once idle, when the pool is never closed', async () => {
    const script = `
      import { runSleep } from './src/engine/run.ts'
      import { WorkerPool } from './src/engine/threads/worker-pool.ts'
      const pool = new WorkerPool()
      const summary = await runSleep({ strategy: 'workers', concurrency: 3, seconds: [0.01, 0.01, 0.01],
        mode: 'timer', order: 'completed', workerPool: pool })
      console.log(summary.ok, pool.threadCount)`
    // A process kept alive by its idle threads would never exit: the test's timeout fails it.
    const { stdout } = await run(node, ['--input-type=module', '-e', script], { cwd: root })
    expect(stdout.trim()).toBe('3 3')
  })

  it('keep a process alive while they start, so `await pool.warmUp()` alone completes', async () => {
    const script = `
      import { WorkerPool } from './src/engine/threads/worker-pool.ts'
      const pool = new WorkerPool()
      await pool.warmUp(2)
      console.log('warm', pool.threadCount)`
    const { stdout } = await run(node, ['--input-type=module', '-e', script], {
      cwd: root,
      timeout: 120_000
    })
    expect(stdout.trim()).toBe('warm 2')
  })

  it('start in a process run with a V8 option, from a file or from -e', async () => {
    const dir = await tempDir()
    try {
      const script = `
        import { runSleep } from ${JSON.stringify(join(root, 'src/engine/run.ts'))}
        const summary = await runSleep({ strategy: 'workers', concurrency: 2, seconds: [0.01, 0.01],
          mode: 'timer', order: 'completed' })
        console.log(summary.ok, summary.tasks.map((task) => task.error?.message ?? '').join(''))`
      const file = join(dir.path, 'script.ts')
      await writeFile(file, script)
      const fromFile = await run(node, ['--expose-gc', file], { timeout: 120_000 })
      expect(fromFile.stdout.trim()).toBe('2')
      const fromEval = await run(node, ['--expose-gc', '--input-type=module', '-e', script], {
        timeout: 120_000
      })
      expect(fromEval.stdout.trim()).toBe('2')
    } finally {
      await dir.cleanup()
    }
  })

  it("share the process's compile cache, so each thread does not compile the engine anew", async () => {
    const cacheEntries = async (strategy: string): Promise<number> => {
      const dir = await tempDir()
      try {
        const script = `
          import { enableCompileCache } from 'node:module'
          enableCompileCache(process.argv[1])
          const { runSleep } = await import('./src/engine/run.ts')
          await runSleep({ strategy: '${strategy}', concurrency: 2, seconds: [0.01, 0.01],
            mode: 'timer', order: 'completed' })`
        await run(node, ['--input-type=module', '-e', script, dir.path], {
          cwd: root,
          timeout: 120_000
        })
        const entries = await readdir(dir.path, { recursive: true, withFileTypes: true })
        return entries.filter((entry) => entry.isFile()).length
      } finally {
        await dir.cleanup()
      }
    }
    // The threads' own files (worker.ts, its messages) are cached only if they share it.
    expect(await cacheEntries('workers')).toBeGreaterThan(await cacheEntries('pool'))
  })
})
