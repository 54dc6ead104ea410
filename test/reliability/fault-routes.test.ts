/**
 * Every fault route of the simulated CDN in one run, good images mixed in, with
 * each strategy: a failure costs exactly the failed image.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STRATEGIES } from '../../src/common/defaults.ts'
import type { RunEvent } from '../../src/common/events.ts'
import { runDownloads } from '../../src/engine/run.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { Fault, SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { leftovers, lostFiles, removeDir, tally, tempRoot } from './helpers.ts'
import { MANIFEST_NAME } from '../../src/engine/files/manifest.ts'
import { filesIn } from '../helpers/temp-dir.ts'

const counts = tally('fault-routes')
const PHOTO_BYTES = 64 * 1024
const limits = {
  connectTimeoutMs: 5000,
  headersTimeoutMs: 5000,
  bodyTimeoutMs: 600,
  maxRetries: 1,
  retryBaseDelayMs: 10,
  retryMaxDelayMs: 200,
  maxBytes: 1024 * 1024
}

let cdn: SimulatedCdn
let deadUrl: string
let root: string

beforeAll(async () => {
  cdn = await startSimulatedCdn({ count: 4, sizeKB: 64, latencyMs: 5, bandwidthKBps: 0 })
  const dead = await startSimulatedCdn({ count: 1, sizeKB: 16, latencyMs: 0, bandwidthKBps: 0 })
  deadUrl = dead.urls[0] ?? ''
  await dead.close()
  root = await tempRoot()
})
afterAll(async () => {
  await cdn.close()
  await removeDir(root)
})

interface Good {
  url: string
  photo: number
}
interface Bad {
  url: string
  code: string
  message: RegExp
}

function cases(tag: string): (Good | Bad)[] {
  const fault = (f: Fault): string => {
    counts.faults++
    return cdn.faultUrl(f)
  }
  const url = (index: number): string => cdn.urls[index] ?? ''
  return [
    { url: url(0), photo: 0 },
    { url: fault({ kind: 'status', code: 404 }), code: 'http_404', message: /HTTP 404/ },
    { url: fault({ kind: 'status', code: 403 }), code: 'http_403', message: /HTTP 403/ },
    { url: fault({ kind: 'status', code: 410 }), code: 'http_410', message: /HTTP 410/ },
    { url: fault({ kind: 'status', code: 500 }), code: 'http_500', message: /HTTP 500/ },
    { url: fault({ kind: 'status', code: 429, retryAfter: 0 }), code: 'http_429', message: /429/ },
    { url: url(1), photo: 1 },
    { url: fault({ kind: 'status', code: 503, retryAfter: 0 }), code: 'http_503', message: /503/ },
    // A 301 with no Location is an answer, not a redirect.
    { url: fault({ kind: 'status', code: 301 }), code: 'http_301', message: /HTTP 301/ },
    // A 200 that is text: refused by its content type.
    { url: fault({ kind: 'status', code: 200 }), code: 'not_image', message: /"text\/plain"/ },
    {
      url: fault({ kind: 'reset', afterBytes: 8192 }),
      code: 'reset',
      message: /reset after \d+ bytes|closed the connection early/
    },
    {
      url: fault({ kind: 'stall', afterBytes: 8192 }),
      code: 'timeout',
      message: /stalled after \d+ bytes/
    },
    {
      url: fault({ kind: 'truncate', afterBytes: 8192 }),
      code: 'truncated',
      // Bytes that arrive with the close, while the .part file is still being set up, can be
      // dropped with the body (undici discards its buffer on an early close): at most 8192.
      message: new RegExp(`after \\d+ of ${PHOTO_BYTES} bytes`)
    },
    { url: url(2), photo: 2 },
    { url: fault({ kind: 'html' }), code: 'not_image', message: /"text\/html"/ },
    {
      url: fault({ kind: 'redirect', hops: 9 }),
      code: 'too_many_redirects',
      message: /more than 5 redirects/
    },
    { url: fault({ kind: 'redirect', hops: 2, to: 3 }), photo: 3 },
    { url: fault({ kind: 'redirect', hops: 0, to: 1 }), photo: 1 },
    { url: fault({ kind: 'flaky', failures: 1, key: `${tag}-once` }), photo: 0 },
    {
      url: fault({ kind: 'flaky', failures: 5, key: `${tag}-always`, status: 502 }),
      code: 'http_502',
      message: /HTTP 502/
    },
    {
      url: (counts.faults++, cdn.photoUrl(1, { bytes: 2 * 1024 * 1024 })),
      code: 'too_large',
      message: /2\.0 MiB is over the 1\.0 MiB limit/
    },
    { url: (counts.faults++, deadUrl), code: 'connect_failed', message: /refused the connection/ },
    { url: url(3), photo: 3 }
  ]
}

describe.each(STRATEGIES)('%s: every fault route in one run', (strategy) => {
  it('saves the good images whole, fails each bad one with its own code and message, leaves nothing else', async () => {
    const list = cases(strategy)
    const dir = `${root}/${strategy}`
    const events: RunEvent[] = []
    const summary = await runDownloads({
      strategy,
      concurrency: 6,
      dir,
      urls: list.map((c) => c.url),
      limits,
      onEvent: (event) => events.push(event)
    })
    counts.runs++
    const good = list.filter((c): c is Good => 'photo' in c)
    const bad = list.filter((c): c is Bad => 'code' in c)
    expect(summary).toMatchObject({ ok: good.length, failed: bad.length, cancelled: 0 })
    expect(events.at(-1)).toMatchObject({
      type: 'run-finished',
      ok: good.length,
      failed: bad.length,
      cancelled: 0,
      bytes: good.length * PHOTO_BYTES
    })

    list.forEach((c, taskId) => {
      const task = summary.tasks[taskId]
      if ('photo' in c) {
        expect(task?.status, c.url).toBe('done')
        return
      }
      expect(task?.status, c.url).toBe('failed')
      expect(task?.error?.code, c.url).toBe(c.code)
      expect(task?.error?.message, c.url).toMatch(c.message)
      expect(task?.file, c.url).toBeUndefined()
      const failed = events.find((e) => e.type === 'task-failed' && e.taskId === taskId)
      expect(failed, c.url).toMatchObject({ code: c.code })
    })

    const photoOf = (taskId: number): number => (list[taskId] as Good).photo
    const lost = await lostFiles(summary.tasks, (t) => cdn.photoBytes(photoOf(t.taskId)), counts)
    expect(lost).toEqual([])
    expect(await leftovers(dir)).toEqual([])
    // The images and the folder's record of what the app wrote, nothing else.
    const files = (await filesIn(dir)).filter((name) => !name.endsWith(MANIFEST_NAME))
    expect(files).toHaveLength(good.length)
  })
})
