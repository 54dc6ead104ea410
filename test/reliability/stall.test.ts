/**
 * Stalls: a body that trickles (never silent long enough for undici's body
 * timeout, which restarts on every chunk) fails as `stalled` once it has run a
 * whole window under the floor, says so first with a task-stall event, is
 * retried as transient, and the run ends with exit 1. Small thresholds stand in
 * for the defaults; the defaults' bound is checked by arithmetic, not by waiting.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_DOWNLOAD_LIMITS, STRATEGIES } from '../../src/common/defaults.ts'
import type { RunEvent } from '../../src/common/events.ts'
import { runDownloads } from '../../src/engine/run.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { leftovers, lostFiles, removeDir, tally, tempRoot } from './helpers.ts'

const counts = tally('stall')
const repo = join(import.meta.dirname, '..', '..')
const small = {
  connectTimeoutMs: 5000,
  headersTimeoutMs: 5000,
  // Longer than the window: only the stall guard can end a trickle here.
  bodyTimeoutMs: 30_000,
  maxRetries: 1,
  retryBaseDelayMs: 10,
  retryMaxDelayMs: 50,
  minBytesPerSecond: 1024,
  stallWindowMs: 800
}

let cdn: SimulatedCdn
let root: string
beforeAll(async () => {
  cdn = await startSimulatedCdn({ count: 2, sizeKB: 64, latencyMs: 5, bandwidthKBps: 0 })
  root = await tempRoot('cid-stall-')
})
afterAll(async () => {
  await cdn.close()
  await removeDir(root)
})

describe('stall guard', () => {
  it.each(STRATEGIES)(
    '%s: a body trickling at 100 B/s is reported stalled, then fails as stalled after its retries',
    async (strategy) => {
      const dir = join(root, strategy)
      const trickle = cdn.faultUrl({ kind: 'trickle', bytesPerSecond: 100 })
      counts.faults++
      const events: RunEvent[] = []
      const summary = await runDownloads({
        strategy,
        concurrency: 2,
        urls: [trickle, cdn.urls[1] ?? ''],
        dir,
        limits: small,
        onEvent: (event) => events.push(event)
      })
      counts.runs++
      expect(summary.tasks[0]?.status).toBe('failed')
      expect(summary.tasks[0]?.error?.code).toBe('stalled')
      expect(summary.tasks[0]?.error?.message).toMatch(/under the 1024 bytes\/s floor/)
      expect(summary.tasks[1]?.status).toBe('done')
      const ofTrickle = events.filter((e) => 'taskId' in e && e.taskId === 0).map((e) => e.type)
      // Each attempt: "stalled" on the tile first, then the failure (a retry, then the end).
      expect(ofTrickle.filter((type) => type !== 'task-progress')).toEqual([
        'task-started',
        'task-stall',
        'task-retry',
        'task-stall',
        'task-failed'
      ])
      const retry = events.find((e) => e.type === 'task-retry')
      expect(retry).toMatchObject({ code: 'stalled', attempt: 2 })
      const stall = events.find((e) => e.type === 'task-stall')
      expect(stall).toMatchObject({ stalled: true })
      expect(stall?.type === 'task-stall' && stall.bytesPerSecond).toBeLessThan(1024)
      expect(await leftovers(dir)).toEqual([])
      expect(await lostFiles(summary.tasks, () => cdn.photoBytes(1), counts)).toEqual([])
    }
  )

  it('leaves a slow but steady body alone: above the floor it is saved', async () => {
    const dir = join(root, 'steady')
    // 64 KiB at 16 KiB/s: four seconds, over two 2 s windows, and well above 1 KiB/s. The
    // longer window leaves room for a busy machine's pauses (the CDN shares this process).
    const url = cdn.faultUrl({ kind: 'trickle', bytesPerSecond: 16 * 1024 })
    const events: RunEvent[] = []
    const summary = await runDownloads({
      strategy: 'pool',
      concurrency: 1,
      urls: [url],
      dir,
      limits: { ...small, stallWindowMs: 2000 },
      onEvent: (event) => events.push(event)
    })
    expect(summary.tasks[0]?.status).toBe('done')
    expect(events.filter((e) => e.type === 'task-stall')).toEqual([])
    expect(await lostFiles(summary.tasks, () => cdn.photoBytes(0), counts)).toEqual([])
  })

  it('under the defaults, a trickling image ends its run within 150 s (by arithmetic)', () => {
    const d = DEFAULT_DOWNLOAD_LIMITS
    expect(d.minBytesPerSecond).toBe(1024)
    expect(d.stallWindowMs).toBe(20_000)
    // The guard, not the body timeout, ends a trickle: it needs a whole window under the floor.
    expect(d.bodyTimeoutMs).toBeGreaterThanOrEqual(d.stallWindowMs)
    const attempts = d.maxRetries + 1
    const worstMs = attempts * d.stallWindowMs + d.maxRetries * d.retryMaxDelayMs
    // What is left covers each attempt's connect and first bytes of a server that answers.
    expect(worstMs).toBeLessThanOrEqual(150_000 - 30_000)
  })
})

describe('CLI', () => {
  it('download --min-speed-kbps 1 --stall-seconds 1 ends a trickle with exit 1 and code stalled', async () => {
    const trickle = cdn.faultUrl({ kind: 'trickle', bytesPerSecond: 100 })
    counts.faults++
    const child = spawn(
      process.execPath,
      [
        join(repo, 'src/cli/index.ts'),
        'download',
        '--json',
        '--min-speed-kbps',
        '1',
        '--stall-seconds',
        '1',
        '--out',
        join(root, 'cli'),
        trickle
      ],
      { cwd: repo, env: { ...process.env, NO_PROXY: '*' } }
    )
    let stdout = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code).toBe(1)
    const result = JSON.parse(stdout)
    expect(result.tasks[0]).toMatchObject({ status: 'failed', error: { code: 'stalled' } })
  })

  it('refuses a bad --stall-seconds with exit 2', async () => {
    const child = spawn(
      process.execPath,
      [join(repo, 'src/cli/index.ts'), 'download', '--stall-seconds', '0', 'http://127.0.0.1:9/x'],
      { cwd: repo }
    )
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code).toBe(2)
    expect(stderr).toMatch(/--stall-seconds must be a whole number from 1 to 3600/)
    counts.badInputs++
  })
})
