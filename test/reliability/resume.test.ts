/**
 * Resume: a transient failure after some bytes asks for the rest with Range +
 * If-Range, and the saved file is byte-equal to what the server serves, on the
 * simulated CDN's `interrupted` route (the connection cut partway, then the rest). A
 * server that answers the Range with 200, or with a 206 of other bytes, restarts
 * the image cleanly; one with no validator is not resumed at all.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { STRATEGIES } from '../../src/common/defaults.ts'
import type { RunEvent } from '../../src/common/events.ts'
import { runDownloads } from '../../src/engine/run.ts'
import type { Strategy } from '../../src/common/defaults.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { Fault, SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { leftovers, lostFiles, removeDir, tally, tempRoot } from './helpers.ts'

const counts = tally('resume')
const PHOTO_BYTES = 256 * 1024
const CUT = 40_000
const limits = {
  connectTimeoutMs: 5000,
  headersTimeoutMs: 5000,
  bodyTimeoutMs: 5000,
  maxRetries: 3,
  retryBaseDelayMs: 10,
  retryMaxDelayMs: 50
}

let cdn: SimulatedCdn
let root: string
let runs = 0
beforeAll(async () => {
  cdn = await startSimulatedCdn({
    count: 1,
    sizeKB: PHOTO_BYTES / 1024,
    latencyMs: 2,
    bandwidthKBps: 0
  })
  root = await tempRoot('cid-resume-')
})
afterAll(async () => {
  await cdn.close()
  await removeDir(root)
})
beforeEach(() => cdn.resetStats())

/** 40 KB a second on the attempts that are cut: a second for the client to read what came before the close. */
const PACE = 40_000

async function download(
  shape: Extract<Fault, { kind: 'interrupted' }>,
  strategy: Strategy = 'pool'
) {
  const fault = { bytesPerSecond: PACE, ...shape }
  counts.faults++
  const dir = join(root, `run-${++runs}`)
  const events: RunEvent[] = []
  const summary = await runDownloads({
    strategy,
    concurrency: 1,
    urls: [cdn.faultUrl(fault)],
    dir,
    limits,
    onEvent: (event) => events.push(event)
  })
  counts.runs++
  expect(summary.tasks[0]?.status, JSON.stringify(summary.tasks[0]?.error)).toBe('done')
  expect(await lostFiles(summary.tasks, () => cdn.photoBytes(0), counts)).toEqual([])
  expect(await leftovers(dir)).toEqual([])
  // Where each attempt's progress started (its first notice, before any byte of its body):
  // 0 for a fresh start, the bytes kept on disk for a resume.
  const starts: number[] = []
  let afterRetry = true
  for (const event of events) {
    if (event.type === 'task-retry') afterRetry = true
    else if (event.type === 'task-progress' && afterRetry) {
      starts.push(event.bytes)
      afterRetry = false
    }
  }
  const retries = events.filter((e) => e.type === 'task-retry')
  return { summary, starts, retries }
}

describe('resume with Range + If-Range', () => {
  it.each(STRATEGIES)(
    '%s: a connection cut partway resumes from the bytes on disk and the file is byte-equal',
    async (strategy) => {
      const { retries, starts } = await download(
        { kind: 'interrupted', key: `etag-${strategy}`, failures: 1, afterBytes: CUT },
        strategy
      )
      expect(retries).toHaveLength(1)
      expect(cdn.stats.rangeRequests).toBe(1)
      expect(cdn.stats.partialAnswers).toBe(1)
      // The second attempt's first progress counts the kept bytes: it resumed, it did not restart.
      expect(starts[0]).toBe(0)
      expect(starts[1]).toBeGreaterThan(0)
      expect(starts[1]).toBeLessThanOrEqual(CUT)
    }
  )

  it('resumes three times in a row, each from where the last stopped', async () => {
    const { retries, starts } = await download({
      kind: 'interrupted',
      key: 'three',
      failures: 3,
      afterBytes: CUT
    })
    expect(retries).toHaveLength(3)
    // Each resume starts further on: up to CUT more bytes kept each time.
    expect(starts).toHaveLength(4)
    for (let i = 1; i < 4; i++) {
      expect(starts[i]).toBeGreaterThan(starts[i - 1] ?? 0)
      expect(starts[i]).toBeLessThanOrEqual(i * CUT)
    }
    expect(cdn.stats.rangeRequests).toBe(3)
    expect(cdn.stats.partialAnswers).toBe(3)
  })

  it('resumes on Last-Modified when there is no ETag', async () => {
    await download({
      kind: 'interrupted',
      key: 'date',
      failures: 1,
      afterBytes: CUT,
      validator: 'date'
    })
    expect(cdn.stats.rangeRequests).toBe(1)
    expect(cdn.stats.partialAnswers).toBe(1)
  })

  it('does not ask for a range without a validator: the image starts over', async () => {
    const { starts } = await download({
      kind: 'interrupted',
      key: 'none',
      failures: 1,
      afterBytes: CUT,
      validator: 'none'
    })
    expect(cdn.stats.rangeRequests).toBe(0)
    expect(starts).toEqual([0, 0])
  })

  it('a 200 answer to the Range restarts the image cleanly', async () => {
    await download({
      kind: 'interrupted',
      key: 'ignore',
      failures: 1,
      afterBytes: CUT,
      range: 'ignore'
    })
    expect(cdn.stats.rangeRequests).toBe(1)
    expect(cdn.stats.partialAnswers).toBe(0)
  })

  it('a 206 whose Content-Range is not the rest restarts with a fresh request', async () => {
    await download({
      kind: 'interrupted',
      key: 'wrong',
      failures: 1,
      afterBytes: CUT,
      range: 'wrong'
    })
    expect(cdn.stats.rangeRequests).toBe(1)
    expect(cdn.stats.partialAnswers).toBe(1)
    // The cut attempt, the ranged request, and the fresh one after the wrong 206.
    expect(cdn.stats.requests).toBe(3)
  })
})

describe('the simulated CDN over a socket', () => {
  it('answers Range with 206 and the exact bytes, If-Range mismatch with 200, past the end with 416', async () => {
    const url = cdn.urls[0] ?? ''
    const whole = cdn.photoBytes(0)
    const head = await fetch(url, { method: 'HEAD' })
    const etag = head.headers.get('etag') ?? ''
    expect(etag).toMatch(/^"/)
    const part = await fetch(url, { headers: { range: 'bytes=1000-', 'if-range': etag } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 1000-${whole.length - 1}/${whole.length}`)
    expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(1000))).toBe(true)
    const changed = await fetch(url, { headers: { range: 'bytes=1000-', 'if-range': '"old"' } })
    expect(changed.status).toBe(200)
    expect(Buffer.from(await changed.arrayBuffer()).equals(whole)).toBe(true)
    const past = await fetch(url, { headers: { range: `bytes=${whole.length}-` } })
    expect(past.status).toBe(416)
    await past.arrayBuffer()
  })
})
