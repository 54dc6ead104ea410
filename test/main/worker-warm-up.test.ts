import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SIMULATED_SOURCE } from '../../src/common/schemas.ts'
import type { Settings } from '../../src/common/schemas.ts'
import { WorkerPool } from '../../src/engine/threads/worker-pool.ts'
import { startWorkerWarmUp, threadsToWarm } from '../../src/main/service/runs/worker-warm-up.ts'

const pools: WorkerPool[] = []
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()))
})

function settings(patch: Partial<Settings>): Settings {
  return {
    outputDir: '/tmp/images',
    strategy: 'pool',
    concurrency: 6,
    sourceKind: 'urls',
    urls: [],
    imageSize: 'original',
    simulated: { ...DEFAULT_SIMULATED_SOURCE },
    existing: 'keep',
    ...patch
  } as Settings
}

/** Downloads share at most `ioThreads` threads (by default one a core): four, whatever this machine has. */
function pool(ioThreads = 4): WorkerPool {
  const made = new WorkerPool({ preloadDownloads: true, ioThreads })
  pools.push(made)
  return made
}

describe('worker warm-up', () => {
  it('starts the threads for the concurrency once Worker threads is saved', async () => {
    const workers = pool()
    const warmUp = startWorkerWarmUp({
      pool: workers,
      settings: settings({ strategy: 'pool' }),
      cpuCount: 2,
      isRunning: () => false,
      launchDelayMs: 3_600_000
    })
    expect(workers.threadCount).toBe(0)
    warmUp.settingsChanged(settings({ strategy: 'workers', concurrency: 3 }))
    await vi.waitFor(() => expect(workers.threadsStarted).toBe(3), { timeout: 30_000 })
    warmUp.stop()
  })

  it('starts only the threads a download run shares, not one a lane', async () => {
    const workers = pool(1)
    const warmUp = startWorkerWarmUp({
      pool: workers,
      settings: settings({ strategy: 'workers', concurrency: 6 }),
      cpuCount: 2,
      isRunning: () => false,
      launchDelayMs: 0
    })
    await vi.waitFor(() => expect(workers.threadsStarted).toBe(1), { timeout: 30_000 })
    warmUp.stop()
    // What it aims for: what a download run would start, the lanes but no more than the I/O threads.
    expect(threadsToWarm(15, 2)).toBe(2)
    expect(threadsToWarm(1, 2)).toBe(1)
  })

  it('starts the saved Worker threads concurrency soon after launch', async () => {
    const workers = pool()
    const warmUp = startWorkerWarmUp({
      pool: workers,
      settings: settings({ strategy: 'workers', concurrency: 2 }),
      cpuCount: 2,
      isRunning: () => false,
      launchDelayMs: 0
    })
    await vi.waitFor(() => expect(workers.threadsStarted).toBe(2), { timeout: 30_000 })
    warmUp.stop()
  })

  it('starts nothing while a run is on: the run starts its own threads', async () => {
    const workers = pool()
    let running = true
    const warmUp = startWorkerWarmUp({
      pool: workers,
      settings: settings({ strategy: 'workers', concurrency: 2 }),
      cpuCount: 2,
      isRunning: () => running,
      launchDelayMs: 3_600_000
    })
    warmUp.settingsChanged(settings({ strategy: 'workers', concurrency: 2 }))
    // Nothing started during the run; once it is over, the next choice warms up.
    expect(workers.threadsStarted).toBe(0)
    running = false
    warmUp.settingsChanged(settings({ strategy: 'workers', concurrency: 1 }))
    await vi.waitFor(() => expect(workers.threadsStarted).toBe(1), { timeout: 30_000 })
    warmUp.stop()
  })
})
