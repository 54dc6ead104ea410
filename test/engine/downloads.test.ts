import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_DOWNLOAD_LIMITS, STRATEGIES } from '../../src/common/defaults.ts'
import type { RunEvent } from '../../src/common/events.ts'
import { createExecutor } from '../../src/engine/executors/create-executor.ts'
import { runDownloads } from '../../src/engine/run.ts'
import type { DownloadRunOptions } from '../../src/engine/run.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { filesIn, tempDir } from '../helpers/temp-dir.ts'

let cdn: SimulatedCdn
let dir: { path: string; cleanup: () => Promise<void> }
const fast = {
  connectTimeoutMs: 2000,
  headersTimeoutMs: 2000,
  bodyTimeoutMs: 400,
  retryBaseDelayMs: 20,
  maxRetries: 2
}

beforeAll(async () => {
  cdn = await startSimulatedCdn({ count: 6, sizeKB: 96, latencyMs: 10, bandwidthKBps: 0 })
})
afterAll(() => cdn.close())
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(() => dir.cleanup())

const run = (options: Partial<DownloadRunOptions> & { urls: string[] }, events: RunEvent[] = []) =>
  runDownloads({
    strategy: 'pool',
    concurrency: 4,
    dir: dir.path,
    limits: fast,
    onEvent: (e) => events.push(e),
    ...options
  })

describe.each(STRATEGIES)('%s downloads', (strategy) => {
  it('saves every photo byte for byte, with events for each', async () => {
    const events: RunEvent[] = []
    const summary = await run({ strategy, urls: cdn.urls }, events)
    expect(summary).toMatchObject({ ok: 6, failed: 0, cancelled: 0, bytes: 6 * 96 * 1024 })
    const files = await filesIn(dir.path)
    expect(files).toHaveLength(6)
    for (const [index, task] of summary.tasks.entries()) {
      expect(task.status).toBe('done')
      expect((await readFile(task.file ?? '')).equals(cdn.photoBytes(index))).toBe(true)
    }
    expect(events[0]?.type).toBe('run-started')
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', ok: 6 })
    expect(events.filter((e) => e.type === 'task-started')).toHaveLength(6)
    expect(events.filter((e) => e.type === 'task-finished')).toHaveLength(6)
    const lanes = new Set(summary.tasks.map((task) => task.lane))
    expect(lanes.size).toBe(strategy === 'sequential' ? 1 : 4)
  })
})

describe('faults', () => {
  it('each fault route fails with its own code, leaves no file, and the good images are saved', async () => {
    const faults = {
      http_404: cdn.faultUrl({ kind: 'status', code: 404 }),
      reset: cdn.faultUrl({ kind: 'reset', afterBytes: 8192 }),
      timeout: cdn.faultUrl({ kind: 'stall', afterBytes: 8192 }),
      truncated: cdn.faultUrl({ kind: 'truncate', afterBytes: 8192 }),
      not_image: cdn.faultUrl({ kind: 'html' }),
      too_many_redirects: cdn.faultUrl({ kind: 'redirect', hops: 9 }),
      http_503: cdn.faultUrl({ kind: 'status', code: 503 })
    }
    const urls = [cdn.urls[0] ?? '', ...Object.values(faults), cdn.urls[1] ?? '']
    const summary = await run({ urls, strategy: 'workers' })
    expect(summary.ok).toBe(2)
    expect(summary.failed).toBe(Object.keys(faults).length)
    const codes = summary.tasks.slice(1, -1).map((task) => task.error?.code)
    expect(codes).toEqual(Object.keys(faults))
    for (const task of summary.tasks.slice(1, -1)) expect(task.error?.message).toBeTruthy()
    const files = await filesIn(dir.path)
    expect(files).toHaveLength(2)
    expect(files.some((file) => file.endsWith('.part'))).toBe(false)
  })

  it('retries a flaky image and saves it; gives up on one that always fails with the last reason', async () => {
    const events: RunEvent[] = []
    const flaky = cdn.faultUrl({ kind: 'flaky', failures: 2, key: `k${Date.now()}` })
    const always = cdn.faultUrl({ kind: 'status', code: 500 })
    const summary = await run({ urls: [flaky, always] }, events)
    expect(summary.tasks[0]?.status).toBe('done')
    expect(summary.tasks[1]?.error?.code).toBe('http_500')
    const retries = events.filter((e) => e.type === 'task-retry')
    expect(retries.filter((e) => e.taskId === 0)).toHaveLength(2)
    expect(retries.filter((e) => e.taskId === 1)).toHaveLength(fast.maxRetries)
  })

  it('does not retry a 404 or a page that is not an image', async () => {
    const events: RunEvent[] = []
    const summary = await run(
      { urls: [cdn.faultUrl({ kind: 'status', code: 404 }), cdn.faultUrl({ kind: 'html' })] },
      events
    )
    // Each fails with its own code at the first attempt, and nothing is saved.
    expect(summary.tasks.map((task) => task.error?.code)).toEqual(['http_404', 'not_image'])
    expect(summary.tasks[0]?.error?.message).toMatch(/HTTP 404/)
    expect(events.filter((e) => e.type === 'task-retry')).toHaveLength(0)
    expect(await filesIn(dir.path)).toEqual([])
  })

  it('honours Retry-After', async () => {
    const events: RunEvent[] = []
    const url = cdn.faultUrl({
      kind: 'flaky',
      failures: 1,
      key: `ra${Date.now()}`,
      status: 429,
      retryAfter: 1
    })
    const summary = await run({ urls: [url], limits: { ...fast, retryMaxDelayMs: 5000 } }, events)
    expect(summary.ok).toBe(1)
    const retry = events.find((e) => e.type === 'task-retry')
    // Retry-After is a floor; the backoff's jitter (up to the first step) comes on top.
    expect(retry).toMatchObject({ code: 'http_429' })
    const delayMs = retry?.type === 'task-retry' ? retry.delayMs : 0
    expect(delayMs).toBeGreaterThanOrEqual(1000)
    expect(delayMs).toBeLessThanOrEqual(1000 + fast.retryBaseDelayMs)
    expect(summary.elapsedMs).toBeGreaterThanOrEqual(1000)
  })

  it('follows a few redirects', async () => {
    const summary = await run({ urls: [cdn.faultUrl({ kind: 'redirect', hops: 3, to: 2 })] })
    expect(summary.ok).toBe(1)
    expect((await readFile(summary.tasks[0]?.file ?? '')).equals(cdn.photoBytes(2))).toBe(true)
  })

  it('refuses a body over the size cap before writing it', async () => {
    const summary = await run({
      urls: [cdn.urls[0] ?? ''],
      limits: { ...fast, maxBytes: 50 * 1024 }
    })
    expect(summary.tasks[0]?.error?.code).toBe('too_large')
    expect(await filesIn(dir.path)).toEqual([])
  })

  it('names each bad URL before the run and downloads the rest', async () => {
    const urls = [
      'ftp://h/x.jpg',
      'not a url',
      'javascript:alert(1)',
      'http://user:pw@127.0.0.1/a',
      cdn.urls[3] ?? ''
    ]
    const summary = await run({ urls })
    expect(summary.tasks.map((task) => task.error?.code ?? task.status)).toEqual([
      'unsupported_protocol',
      'invalid_url',
      'unsupported_protocol',
      'invalid_url',
      'done'
    ])
  })

  it('gives a bad URL the same code in a run and on an executor', async () => {
    const urls = ['view-source:http://127.0.0.1/a.jpg', 'web+app://x/a.jpg', 'http://']
    const summary = await run({ urls })
    const codes = summary.tasks.map((task) => task.error?.code)
    expect(codes).toEqual(['unsupported_protocol', 'unsupported_protocol', 'invalid_url'])
    const executor = createExecutor('pool', { concurrency: 2 })
    const direct = await Promise.allSettled(
      urls.map((url) =>
        executor
          .submit({
            kind: 'download',
            url,
            dir: dir.path,
            fileName: 'a.jpg',
            limits: DEFAULT_DOWNLOAD_LIMITS
          })
          .result()
      )
    )
    expect(direct.map((outcome) => outcome.status === 'rejected' && outcome.reason.code)).toEqual(
      codes
    )
    await executor.shutdown()
  })

  it('a dead server fails fast with connect_failed', async () => {
    const dead = await startSimulatedCdn({ count: 1, sizeKB: 16, latencyMs: 0, bandwidthKBps: 0 })
    const url = dead.urls[0] ?? ''
    await dead.close()
    const summary = await run({ urls: [url] })
    expect(summary.tasks[0]?.error?.code).toBe('connect_failed')
  })

  it('an output folder that cannot be made fails every image with write_failed', async () => {
    const blocker = join(dir.path, 'file')
    await writeFile(blocker, 'not a folder')
    const summary = await run({ urls: cdn.urls.slice(0, 2), dir: join(blocker, 'images') })
    expect(summary.failed).toBe(2)
    expect(summary.tasks[0]?.error).toMatchObject({ code: 'write_failed' })
  })

  it('two URLs with one name make two files', async () => {
    const a = `${cdn.urls[0]}?v=1`
    const b = `${cdn.urls[0]}?v=2`
    const summary = await run({ urls: [a, b] })
    expect(summary.ok).toBe(2)
    expect(await filesIn(dir.path)).toHaveLength(2)
  })
})

describe('cancel', () => {
  it.each(STRATEGIES)(
    '%s: an abort stops images mid-body, keeps finished images, leaves no .part',
    async (strategy) => {
      // 512 KB at 16 KB/s: each slow image needs about 32 s, longer than the test may take, so
      // the run can only end by the abort stopping them, however busy the machine is.
      const slow = await startSimulatedCdn({
        count: 15,
        sizeKB: 512,
        latencyMs: 20,
        bandwidthKBps: 16
      })
      try {
        const urls = [...slow.urls]
        // Two quick images first, so some are finished when the cancel comes.
        urls.unshift(cdn.urls[4] ?? '', cdn.urls[5] ?? '')
        const controller = new AbortController()
        const events: RunEvent[] = []
        const pending = run(
          {
            strategy,
            concurrency: 17,
            urls,
            signal: controller.signal,
            limits: { ...fast, bodyTimeoutMs: 20_000 }
          },
          events
        )
        // Wait until both quick images are saved and some slow ones are mid-body.
        await vi.waitFor(
          () => {
            expect(events.filter((e) => e.type === 'task-finished')).toHaveLength(2)
            const midBody = events.filter((e) => e.type === 'task-progress' && e.bytes > 0)
            expect(midBody.length).toBeGreaterThanOrEqual(2)
          },
          { timeout: 60_000, interval: 20 }
        )
        controller.abort()
        const summary = await pending
        expect(summary.ok).toBe(2)
        expect(summary.cancelled).toBe(15)
        expect(summary.tasks.slice(2).every((t) => t.status === 'cancelled')).toBe(true)
        const files = await filesIn(dir.path)
        expect(files.some((file) => file.endsWith('.part'))).toBe(false)
        expect(files).toHaveLength(summary.ok)
        for (const task of summary.tasks.filter((t) => t.status === 'done')) {
          expect((await readFile(task.file ?? '')).length).toBe(task.bytes)
        }
      } finally {
        await slow.close()
      }
    },
    90_000
  )
})
