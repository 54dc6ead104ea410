/**
 * Politeness: `perHostConnections` caps the connections to one host through
 * undici's Agent `connections`, counted by the server itself (the simulated CDN
 * counts the sockets open at once).
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDownloads } from '../../src/engine/run.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { tempDir } from '../helpers/temp-dir.ts'

let cdn: SimulatedCdn
let out: { path: string; cleanup: () => Promise<void> }
beforeAll(async () => {
  // Latency keeps each request open long enough for eight to overlap when nothing caps them.
  cdn = await startSimulatedCdn({ count: 8, sizeKB: 16, latencyMs: 150, bandwidthKBps: 0 })
  out = await tempDir()
})
afterAll(async () => {
  await cdn.close()
  await out.cleanup()
})

async function maxConnections(perHostConnections: number, name: string): Promise<number> {
  // A fresh CDN connection count: sockets left open by an earlier run's keep-alive are closed.
  const probe = await startSimulatedCdn({ count: 8, sizeKB: 16, latencyMs: 150, bandwidthKBps: 0 })
  try {
    const summary = await runDownloads({
      strategy: 'pool',
      concurrency: 8,
      urls: probe.urls,
      dir: join(out.path, name),
      limits: { perHostConnections }
    })
    expect(summary.ok).toBe(8)
    return probe.stats.maxOpenConnections
  } finally {
    await probe.close()
  }
}

describe('per-host cap', () => {
  it('pool of 8 with perHostConnections 2 never opens more than 2 connections to the host', async () => {
    expect(await maxConnections(2, 'capped')).toBe(2)
  })

  it('without the cap the same run opens more than 2 (so the cap is what held it)', async () => {
    expect(await maxConnections(0, 'uncapped')).toBeGreaterThan(2)
  })
})
