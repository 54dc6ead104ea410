/**
 * Politeness: `perHostConnections` (`--per-host N`) caps what one host gets at
 * once, counted by the server itself: the simulated CDN counts the requests it is
 * answering at once and the sockets open at once. The promise pool is capped by
 * undici's Agent `connections`; worker threads, each with its own Agent, by the
 * run's host gate, which also keeps waiting tasks out of the lanes.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Strategy } from '../../src/common/defaults.ts'
import type { RunEvent } from '../../src/common/events.ts'
import { runDownloads } from '../../src/engine/run.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { tempDir } from '../helpers/temp-dir.ts'

let out: { path: string; cleanup: () => Promise<void> }
beforeAll(async () => {
  out = await tempDir()
})
afterAll(async () => {
  await out.cleanup()
})

/** Most tasks between task-started and their end at once, from the run's events. */
function mostRunning(events: RunEvent[]): number {
  let running = 0
  let most = 0
  for (const event of events) {
    if (event.type === 'task-started') most = Math.max(most, ++running)
    else if (event.type === 'task-finished' || event.type === 'task-failed') running--
  }
  return most
}

/** A run of 8 images on a fresh CDN (latency keeps each request open long enough to overlap). */
async function measure(strategy: Strategy, perHostConnections: number, name: string) {
  const cdn = await startSimulatedCdn({ count: 8, sizeKB: 16, latencyMs: 150, bandwidthKBps: 0 })
  try {
    const events: RunEvent[] = []
    const summary = await runDownloads({
      strategy,
      concurrency: 8,
      urls: cdn.urls,
      dir: join(out.path, name),
      limits: { perHostConnections },
      onEvent: (event) => events.push(event)
    })
    expect(summary.ok).toBe(8)
    return { ...cdn.stats, running: mostRunning(events) }
  } finally {
    await cdn.close()
  }
}

describe('per-host cap', () => {
  it.each(['pool', 'workers'] as const)(
    '%s of 8 with a cap of 2: the host never answers more than 2 at once, and only 2 run',
    async (strategy) => {
      const capped = await measure(strategy, 2, `capped-${strategy}`)
      // At most 2; a thread slow to start may leave the other one alone for a while.
      expect(capped.maxInFlight).toBeGreaterThanOrEqual(1)
      expect(capped.maxInFlight).toBeLessThanOrEqual(2)
      expect(capped.running).toBeLessThanOrEqual(2)
      if (strategy === 'pool') expect(capped.maxOpenConnections).toBeLessThanOrEqual(2)
    }
  )

  it.each(['pool', 'workers'] as const)(
    '%s of 8 without the cap: more than 2 at once (so the cap is what held it)',
    async (strategy) => {
      const free = await measure(strategy, 0, `free-${strategy}`)
      expect(free.maxInFlight).toBeGreaterThan(2)
    }
  )

  it('a cancel reaches the tasks still waiting for their host: the run ends with each one counted', async () => {
    const cdn = await startSimulatedCdn({ count: 6, sizeKB: 16, latencyMs: 300, bandwidthKBps: 0 })
    try {
      const controller = new AbortController()
      const summary = await runDownloads({
        strategy: 'pool',
        concurrency: 6,
        urls: cdn.urls,
        dir: join(out.path, 'cancel'),
        limits: { perHostConnections: 1 },
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === 'task-started') controller.abort()
        }
      })
      expect(summary.ok + summary.failed + summary.cancelled).toBe(6)
      expect(summary.cancelled).toBe(6)
      expect(summary.tasks.map((t) => t.status)).toEqual(Array(6).fill('cancelled'))
    } finally {
      await cdn.close()
    }
  })

  it('CLI --per-host 1 downloads everything, one request at a time', async () => {
    const cdn = await startSimulatedCdn({ count: 4, sizeKB: 16, latencyMs: 100, bandwidthKBps: 0 })
    try {
      const repo = join(import.meta.dirname, '..', '..')
      const child = spawn(
        process.execPath,
        [
          join(repo, 'src/cli/index.ts'),
          'download',
          '--json',
          '--concurrency',
          '4',
          '--per-host',
          '1',
          '--out',
          join(out.path, 'cli'),
          ...cdn.urls
        ],
        { cwd: repo, env: { ...process.env, NO_PROXY: '*' } }
      )
      let stdout = ''
      child.stdout.on('data', (chunk) => (stdout += chunk))
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
      expect(code).toBe(0)
      expect(JSON.parse(stdout).ok).toBe(4)
      expect(cdn.stats.maxInFlight).toBe(1)
    } finally {
      await cdn.close()
    }
  })
})
