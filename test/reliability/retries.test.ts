/**
 * Retries: transient failures are retried up to the bound with backoff and the
 * last reason kept; Retry-After is honoured (seconds and HTTP-date) and capped;
 * nothing is retried that another attempt cannot fix. Complements
 * test/engine/downloads.test.ts, which covers flaky-then-ok, a 500 that always
 * fails, 404/html not retried and Retry-After: 1 with the pool.
 */
import { readdir } from 'node:fs/promises'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunEvent, TaskRetryEvent } from '../../src/common/events.ts'
import { runDownloads } from '../../src/engine/run.ts'
import type { DownloadRunOptions } from '../../src/engine/run.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { Fault, SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { backoffDelay } from '../../src/engine/net/backoff.ts'
import { parseRetryAfter } from '../../src/engine/tasks/download-errors.ts'
import {
  leftovers,
  lostFiles,
  removeDir,
  seededRandom,
  startLoopbackServer,
  tally,
  tempRoot
} from './helpers.ts'
import type { LoopbackServer } from './helpers.ts'

const counts = tally('retries')
const fast = {
  connectTimeoutMs: 5000,
  headersTimeoutMs: 5000,
  bodyTimeoutMs: 500,
  maxRetries: 2,
  retryBaseDelayMs: 20,
  retryMaxDelayMs: 2000,
  maxBytes: 1024 * 1024
}

let cdn: SimulatedCdn
let server: LoopbackServer
let root: string
let dir: string
let runCount = 0
const perPath = new Map<string, number>()

beforeAll(async () => {
  cdn = await startSimulatedCdn({ count: 2, sizeKB: 32, latencyMs: 2, bandwidthKBps: 0 })
  const photo = cdn.photoBytes(0)
  server = await startLoopbackServer((req, res) => {
    const path = req.url ?? ''
    const attempt = (perPath.get(path) ?? 0) + 1
    perPath.set(path, attempt)
    const text = (status: number, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'Content-Type': 'text/plain', ...headers })
      res.end(`${status}\n`)
    }
    if (path.startsWith('/changing-reasons')) {
      // Each attempt fails for another reason: the run must report the last one.
      return text([503, 502, 500, 504][Math.min(attempt - 1, 3)] ?? 504)
    }
    if (path.startsWith('/retry-after-date')) {
      if (attempt === 1) {
        return text(503, { 'Retry-After': new Date(Date.now() + 6000).toUTCString() })
      }
    } else if (path.startsWith('/retry-after-garbage')) {
      if (attempt === 1) return text(503, { 'Retry-After': '1.5' })
    } else if (path.startsWith('/chunked-too-large')) {
      // No Content-Length: the cap must stop the body while it streams.
      res.writeHead(200, { 'Content-Type': 'image/jpeg' })
      // A JPEG's start, so that only the size can stop it.
      res.write(photo.subarray(0, 1024))
      const chunk = Buffer.alloc(64 * 1024, 0xab)
      let sent = 0
      const pump = (): void => {
        while (sent < 4 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      return pump()
    } else if (path.startsWith('/to-file')) {
      res.writeHead(302, { Location: 'file:///etc/passwd' })
      return res.end()
    } else if (path.startsWith('/to-ftp')) {
      res.writeHead(302, { Location: 'ftp://127.0.0.1/x.jpg' })
      return res.end()
    }
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': photo.length })
    res.end(photo)
  })
  root = await tempRoot()
})
afterAll(async () => {
  await cdn.close()
  await server.close()
  await removeDir(root)
})
beforeEach(() => {
  dir = `${root}/run-${++runCount}`
})

async function run(options: Partial<DownloadRunOptions> & { urls: string[] }) {
  const events: RunEvent[] = []
  const summary = await runDownloads({
    strategy: 'pool',
    concurrency: 8,
    dir,
    limits: fast,
    onEvent: (event) => events.push(event),
    ...options
  })
  counts.runs++
  const retries = (taskId: number): TaskRetryEvent[] =>
    events.filter((e): e is TaskRetryEvent => e.type === 'task-retry' && e.taskId === taskId)
  return { summary, events, retries }
}

function fault(f: Fault): string {
  counts.faults++
  return cdn.faultUrl(f)
}

const FULL_DAYS: Record<string, string> = {
  Sun: 'Sunday',
  Mon: 'Monday',
  Tue: 'Tuesday',
  Wed: 'Wednesday',
  Thu: 'Thursday',
  Fri: 'Friday',
  Sat: 'Saturday'
}

describe('parseRetryAfter', () => {
  it('reads delta-seconds and the three HTTP-date forms, and nothing else', () => {
    expect(parseRetryAfter('0')).toBe(0)
    expect(parseRetryAfter('5')).toBe(5000)
    expect(parseRetryAfter(' 7 ')).toBe(7000)
    expect(parseRetryAfter(['3', '9'])).toBe(3000)
    const inAMinute = Date.now() + 60_000
    for (const format of [
      (d: Date) => d.toUTCString(), // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
      (d: Date) => {
        // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
        const [day, date, month, year, time] = d.toUTCString().replace(',', '').split(' ')
        return `${FULL_DAYS[day ?? '']}, ${date}-${month}-${year?.slice(2)} ${time} GMT`
      },
      (d: Date) => {
        // asctime: Sun Nov  6 08:49:37 1994
        const [day, date, month, year, time] = d.toUTCString().replace(',', '').split(' ')
        return `${day} ${month} ${String(Number(date)).padStart(2, ' ')} ${time} ${year}`
      }
    ]) {
      const text = format(new Date(inAMinute))
      const ms = parseRetryAfter(text)
      // Whole seconds, less however long this loop took on a busy machine: a wide margin.
      expect(ms, text).toBeGreaterThan(40_000)
      expect(ms, text).toBeLessThanOrEqual(60_000)
    }
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(0)
    for (const bad of [undefined, '', ' ', 'soon', '1.5', '-1', '1e3', '0x10', '5s', []]) {
      counts.badInputs++
      expect(parseRetryAfter(bad), JSON.stringify(bad)).toBeUndefined()
    }
  })
})

describe('retries', () => {
  it.each(['sequential', 'workers'] as const)(
    '%s: a URL that fails twice then works is saved, after jittered waits under a step that doubles',
    async (strategy) => {
      const url = fault({ kind: 'flaky', failures: 2, key: `twice-${strategy}` })
      const { summary, retries } = await run({ strategy, urls: [url] })
      expect(summary.ok).toBe(1)
      expect(retries(0).map((e) => [e.attempt, e.code])).toEqual([
        [2, 'http_503'],
        [3, 'http_503']
      ])
      const [first, second] = retries(0).map((e) => e.delayMs)
      expect(first).toBeGreaterThanOrEqual(0)
      expect(first).toBeLessThanOrEqual(20)
      expect(second).toBeGreaterThanOrEqual(0)
      expect(second).toBeLessThanOrEqual(40)
      expect(await lostFiles(summary.tasks, () => cdn.photoBytes(0), counts)).toEqual([])
    }
  )

  it('gives up after the bound with the last reason, not the first', async () => {
    const url = `${server.origin}/changing-reasons`
    counts.faults++
    const { summary, retries } = await run({ urls: [url], limits: { ...fast, maxRetries: 3 } })
    expect(summary.tasks[0]?.error).toEqual({
      code: 'http_504',
      message: 'the server answered HTTP 504'
    })
    expect(retries(0).map((e) => e.code)).toEqual(['http_503', 'http_502', 'http_500'])
    expect(perPath.get('/changing-reasons')).toBe(4)
  })

  it('retries every transient failure exactly up to the bound, then names it', async () => {
    const transient: [string, string][] = [
      [fault({ kind: 'reset', afterBytes: 4096 }), 'reset'],
      [fault({ kind: 'truncate', afterBytes: 4096 }), 'truncated'],
      [fault({ kind: 'stall', afterBytes: 4096 }), 'timeout'],
      [fault({ kind: 'status', code: 408 }), 'http_408'],
      [fault({ kind: 'status', code: 429 }), 'http_429'],
      [fault({ kind: 'status', code: 502 }), 'http_502'],
      [fault({ kind: 'status', code: 504 }), 'http_504'],
      [fault({ kind: 'status', code: 599 }), 'http_599']
    ]
    cdn.resetStats()
    const { summary, retries } = await run({ urls: transient.map(([url]) => url) })
    transient.forEach(([url, code], taskId) => {
      expect(summary.tasks[taskId]?.error?.code, url).toBe(code)
      expect(retries(taskId), url).toHaveLength(fast.maxRetries)
    })
    expect(cdn.stats.requests).toBe(transient.length * (fast.maxRetries + 1))
    expect(await readdir(dir)).toEqual([])
  })

  it('does not retry what another attempt cannot fix: one request each', async () => {
    const cdnOnce: [string, string, number][] = [
      [fault({ kind: 'status', code: 400 }), 'http_400', 1],
      [fault({ kind: 'status', code: 401 }), 'http_401', 1],
      [fault({ kind: 'status', code: 403 }), 'http_403', 1],
      // Retry-After on an error that is not transient changes nothing.
      [fault({ kind: 'status', code: 404, retryAfter: 1 }), 'http_404', 1],
      [fault({ kind: 'status', code: 410 }), 'http_410', 1],
      [fault({ kind: 'status', code: 451 }), 'http_451', 1],
      [fault({ kind: 'status', code: 501 }), 'http_501', 1],
      [fault({ kind: 'status', code: 505 }), 'http_505', 1],
      [fault({ kind: 'html' }), 'not_image', 1],
      [fault({ kind: 'status', code: 200 }), 'not_image', 1],
      [(counts.faults++, cdn.photoUrl(1, { bytes: 2 * 1024 * 1024 })), 'too_large', 1],
      [fault({ kind: 'redirect', hops: 7 }), 'too_many_redirects', 6]
    ]
    const ownOnce: [string, string][] = [
      [`${server.origin}/chunked-too-large`, 'too_large'],
      [`${server.origin}/to-file`, 'unsupported_protocol'],
      [`${server.origin}/to-ftp`, 'unsupported_protocol']
    ]
    counts.faults += ownOnce.length
    cdn.resetStats()
    const urls = [...cdnOnce.map(([url]) => url), ...ownOnce.map(([url]) => url)]
    const { summary, events } = await run({ urls })
    expect(events.filter((e) => e.type === 'task-retry')).toEqual([])
    urls.forEach((url, taskId) => {
      const code = (cdnOnce[taskId] ?? ownOnce[taskId - cdnOnce.length])?.[1]
      expect(summary.tasks[taskId]?.error?.code, url).toBe(code)
    })
    expect(cdn.stats.requests).toBe(cdnOnce.reduce((sum, [, , requests]) => sum + requests, 0))
    for (const [url] of ownOnce) expect(perPath.get(new URL(url).pathname), url).toBe(1)
    expect(summary.tasks[cdnOnce.length]?.error?.message).toMatch(/over the 1\.0 MiB limit/)
    expect(await readdir(dir)).toEqual([])
  })
})

describe('Retry-After', () => {
  it('waits as long as an HTTP-date asks, then saves the image', async () => {
    counts.faults++
    const { summary, retries } = await run({
      urls: [`${server.origin}/retry-after-date`],
      limits: { ...fast, retryMaxDelayMs: 10_000 }
    })
    expect(summary.ok).toBe(1)
    const [retry] = retries(0)
    // An HTTP-date has whole seconds: six seconds ahead is five to six from now, less the time
    // the answer took to arrive (a wide margin for a busy machine); far more than the 20 ms
    // backoff, whose jitter may add a little on top.
    expect(retry?.delayMs).toBeGreaterThan(1000)
    expect(retry?.delayMs).toBeLessThanOrEqual(6500)
    expect(summary.elapsedMs).toBeGreaterThanOrEqual((retry?.delayMs ?? 0) - 50)
    expect(await lostFiles(summary.tasks, () => cdn.photoBytes(0), counts)).toEqual([])
  })

  it('caps a long Retry-After at retryMaxDelayMs', async () => {
    const url = fault({
      kind: 'flaky',
      failures: 1,
      key: 'long-wait',
      status: 503,
      retryAfter: 3600
    })
    const { summary, retries } = await run({
      urls: [url],
      limits: { ...fast, retryMaxDelayMs: 300 }
    })
    expect(summary.ok).toBe(1)
    expect(retries(0).map((e) => e.delayMs)).toEqual([300])
  })

  it('falls back to the backoff when Retry-After is not a number or a date', async () => {
    counts.faults++
    const { summary, retries } = await run({ urls: [`${server.origin}/retry-after-garbage`] })
    expect(summary.ok).toBe(1)
    const [delayMs] = retries(0).map((e) => e.delayMs)
    expect(delayMs).toBeGreaterThanOrEqual(0)
    expect(delayMs).toBeLessThanOrEqual(fast.retryBaseDelayMs)
    expect(await leftovers(dir)).toEqual([])
  })
})

describe('full jitter', () => {
  const limits = { retryBaseDelayMs: 500, retryMaxDelayMs: 10_000 }

  it('draws each wait uniformly under a step that doubles up to the cap, above Retry-After', () => {
    const random = seededRandom(13)
    for (let attempt = 1; attempt <= 8; attempt++) {
      const step = Math.min(10_000, 500 * 2 ** (attempt - 1))
      const draws = Array.from({ length: 200 }, () =>
        backoffDelay(attempt, limits, undefined, random)
      )
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(0)
      expect(Math.max(...draws)).toBeLessThanOrEqual(step)
      // Spread over the whole step, not bunched: both halves are drawn.
      expect(draws.some((d) => d < step / 2) && draws.some((d) => d > step / 2)).toBe(true)
      counts.fuzzCases += draws.length
    }
    // A Retry-After is a floor, the jitter comes on top; the cap still wins.
    expect(backoffDelay(1, limits, 2000, () => 0)).toBe(2000)
    expect(backoffDelay(1, limits, 2000, () => 0.5)).toBe(2250)
    expect(backoffDelay(3, limits, 60_000, () => 0.5)).toBe(10_000)
  })

  it('spreads the retries of many images refused with one 503 and one Retry-After', async () => {
    const urls = Array.from({ length: 24 }, (_, i) =>
      fault({ kind: 'flaky', failures: 1, key: `herd-${i}`, retryAfter: 1 })
    )
    const { summary, events } = await run({
      urls,
      concurrency: 24,
      limits: { ...fast, maxRetries: 1, retryBaseDelayMs: 400, retryMaxDelayMs: 5000 }
    })
    expect(summary.ok).toBe(urls.length)
    const delays = events.flatMap((e) => (e.type === 'task-retry' ? [e.delayMs] : []))
    expect(delays).toHaveLength(urls.length)
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(1000)
      expect(delay).toBeLessThanOrEqual(1400)
    }
    // Without jitter all 24 would wait exactly 1000 ms and come back at once; with it they are
    // spread over 400 ms (24 uniform draws from 401 whole milliseconds rarely repeat much).
    expect(new Set(delays).size).toBeGreaterThanOrEqual(12)
  })
})
