import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEFAULT_DOWNLOAD_LIMITS } from '../../src/common/defaults.ts'
import type { RunEvent } from '../../src/common/events.ts'
import type { DownloadTask } from '../../src/common/tasks.ts'
import { WorkerPoolExecutor } from '../../src/engine/executors/worker-pool-executor.ts'
import { runDownloads, runSleep } from '../../src/engine/run.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { CancelledError } from '../../src/engine/task-error.ts'
import { placeTask } from '../../src/engine/threads/placement.ts'
import type { ThreadLoad } from '../../src/engine/threads/placement.ts'
import { WorkerPool } from '../../src/engine/threads/worker-pool.ts'
import type { WorkerPoolOptions } from '../../src/engine/threads/worker-pool.ts'
import { maxConcurrent } from '../helpers/intervals.ts'
import { tempFolder } from '../helpers/temp-dir.ts'

// Worker threads on a busy machine: a test can take several times as long.
vi.setConfig({ testTimeout: 120_000 })

const pools: WorkerPool[] = []
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()))
})

function freshPool(options: WorkerPoolOptions = {}): WorkerPool {
  const pool = new WorkerPool(options)
  pools.push(pool)
  return pool
}

let cdn: SimulatedCdn
beforeAll(async () => {
  cdn = await startSimulatedCdn({ count: 15, sizeKB: 256, latencyMs: 50, bandwidthKBps: 8192 })
})
afterAll(() => cdn.close())

/** The thread each task started on, from the run's task-started events. */
function threadsOf(events: RunEvent[]): Map<number, number> {
  const threads = new Map<number, number>()
  for (const event of events) {
    if (event.type === 'task-started' && event.thread !== undefined) {
      threads.set(event.taskId, event.thread)
    }
  }
  return threads
}

async function downloadOn(pool: WorkerPool, urls: string[]) {
  const events: RunEvent[] = []
  const dir = await tempFolder()
  const summary = await runDownloads({
    strategy: 'workers',
    concurrency: urls.length,
    urls,
    dir,
    workerPool: pool,
    onEvent: (event) => events.push(event)
  })
  return { summary, threads: threadsOf(events) }
}

async function expectWhole(files: (string | undefined)[]): Promise<void> {
  for (const [index, file] of files.entries()) {
    expect(file, `image ${index} saved`).toBeDefined()
    const bytes = await readFile(file!)
    expect(bytes.equals(cdn.photoBytes(index)), `image ${index} whole`).toBe(true)
  }
}

describe('downloads share worker threads', () => {
  it('15 downloads at concurrency 15 start at most one thread a core, on 15 lanes, and save 15 whole files', async () => {
    const pool = freshPool()
    const { summary, threads } = await downloadOn(pool, cdn.urls)
    expect(summary.ok).toBe(15)
    expect(pool.threadsStarted).toBeLessThanOrEqual(Math.min(15, availableParallelism()))
    // Each running download has a lane of its own, so no two bars of the timeline overlap.
    expect(new Set(summary.tasks.map((task) => task.lane))).toEqual(
      new Set(Array.from({ length: 15 }, (_, lane) => lane))
    )
    expect(threads.size).toBe(15)
    // Some download started before another ended: they ran at once.
    expect(maxConcurrent(summary.tasks)).toBeGreaterThan(1)
    await expectWhole(summary.tasks.map((task) => task.file))
  })

  it('carries several downloads at once on one thread', async () => {
    const pool = freshPool({ ioThreads: 2 })
    const { summary, threads } = await downloadOn(pool, cdn.urls)
    expect(summary.ok).toBe(15)
    expect(pool.threadsStarted).toBe(2)
    expect(new Set(threads.values())).toEqual(new Set([0, 1]))
    const onThread0 = summary.tasks.filter((task) => threads.get(task.taskId) === 0)
    expect(maxConcurrent(onThread0)).toBeGreaterThan(1)
    await expectWhole(summary.tasks.map((task) => task.file))
  })

  it('gives a blocking sleep at concurrency 4 four threads, one each', async () => {
    const pool = freshPool({ ioThreads: 1 })
    const events: RunEvent[] = []
    const summary = await runSleep({
      strategy: 'workers',
      concurrency: 4,
      seconds: [0.2, 0.2, 0.2, 0.2],
      mode: 'block',
      order: 'completed',
      workerPool: pool,
      onEvent: (event) => events.push(event)
    })
    expect(summary.ok).toBe(4)
    expect(pool.threadsStarted).toBe(4)
    expect(new Set(threadsOf(events).values()).size).toBe(4)
  })
})

describe('where a task goes', () => {
  const thread = (index: number, load: number, exclusive = false): ThreadLoad => ({
    index,
    load,
    exclusive
  })

  it('takes the lowest idle thread first, whatever its kind', () => {
    const threads = [thread(0, 3), thread(1, 0), thread(2, 0)]
    expect(placeTask(threads, true, 2)?.index).toBe(1)
    expect(placeTask(threads, false, 2)?.index).toBe(1)
  })

  it('starts a thread for an exclusive task rather than join a busy one', () => {
    expect(placeTask([thread(0, 1), thread(1, 1, true)], false, 2)).toBeUndefined()
  })

  it('starts threads for shared tasks up to the cap, then joins the least loaded', () => {
    expect(placeTask([thread(0, 1)], true, 2)).toBeUndefined()
    expect(placeTask([thread(0, 2), thread(1, 1)], true, 2)?.index).toBe(1)
    expect(placeTask([thread(0, 2), thread(1, 2)], true, 2)?.index).toBe(0)
  })

  it('never puts a shared task beside an exclusive one (a processing stage beside its downloads)', () => {
    const threads = [thread(0, 1, true), thread(1, 4), thread(2, 1, true)]
    expect(placeTask(threads, true, 1)?.index).toBe(1)
    expect(placeTask(threads, true, 2)).toBeUndefined()
    expect(placeTask([thread(0, 1, true)], true, 1)).toBeUndefined()
  })
})

/**
 * A loopback image server that answers nothing until released, so that the
 * downloads are surely in flight, all at once, when the test acts.
 */
async function holdingServer() {
  const held: { index: number; res: ServerResponse }[] = []
  const server = createServer((req, res) => {
    // A cancelled download closes its socket: writing to it later is no error of the test's.
    res.on('error', () => undefined)
    held.push({ index: Number(req.url?.split('/').pop()), res })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    requests: () => held.length,
    release() {
      for (const { index, res } of held.splice(0)) {
        if (res.destroyed) continue
        const bytes = cdn.photoBytes(index)
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': bytes.length })
        res.end(bytes)
      }
    },
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

function downloadTask(url: string, dir: string, index: number): DownloadTask {
  return {
    kind: 'download',
    url,
    dir,
    fileName: `photo-${index}.jpg`,
    limits: DEFAULT_DOWNLOAD_LIMITS
  }
}

describe('one thread, several downloads', () => {
  it('cancelling one download leaves the others on its thread to finish', async () => {
    const server = await holdingServer()
    const pool = freshPool({ ioThreads: 1 })
    const executor = new WorkerPoolExecutor({ concurrency: 3, workerPool: pool })
    try {
      const dir = await tempFolder()
      const futures = [0, 1, 2].map((index) =>
        executor.submit(downloadTask(server.url(`/photos/${index}`), dir, index))
      )
      await vi.waitFor(() => expect(server.requests()).toBe(3), { timeout: 60_000, interval: 20 })
      expect(pool.threadsStarted).toBe(1)
      futures[1]?.cancel()
      await expect(futures[1]?.result()).rejects.toBeInstanceOf(CancelledError)
      server.release()
      const [first, third] = await Promise.all([futures[0]?.result(), futures[2]?.result()])
      for (const index of [0, 2]) {
        const bytes = await readFile(join(dir, `photo-${index}.jpg`))
        expect(bytes.equals(cdn.photoBytes(index)), `image ${index} whole`).toBe(true)
      }
      expect([first?.kind, third?.kind]).toEqual(['download', 'download'])
    } finally {
      await executor.shutdown({ cancelFutures: true })
      await server.close()
    }
  })

  it('a crashed thread fails each download it carried, and the next run gets a new thread', async () => {
    const server = await holdingServer()
    const pool = freshPool({
      ioThreads: 1,
      workerEntry: new URL('./fixtures/crash-on-download-worker.ts', import.meta.url)
    })
    const executor = new WorkerPoolExecutor({ concurrency: 3, workerPool: pool })
    try {
      const dir = await tempFolder()
      const held = [0, 1].map((index) =>
        executor.submit(downloadTask(server.url(`/photos/${index}`), dir, index))
      )
      await vi.waitFor(() => expect(server.requests()).toBe(2), { timeout: 60_000, interval: 20 })
      // The third joins the same thread (one I/O thread), which then ends with code 3.
      const crashing = executor.submit(downloadTask(server.url('/crash'), dir, 2))
      const outcomes = await Promise.allSettled([...held, crashing].map((f) => f.result()))
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected')
        const reason = (outcome as PromiseRejectedResult).reason as Error
        expect(reason.message).toMatch(/worker thread crashed.*code 3/)
      }
      expect(pool.threadCount).toBe(0)
    } finally {
      await executor.shutdown()
      await server.close()
    }

    const { summary } = await downloadOn(pool, cdn.urls.slice(0, 2))
    expect(summary.ok).toBe(2)
    expect(pool.threadsStarted).toBe(2)
  })
})
