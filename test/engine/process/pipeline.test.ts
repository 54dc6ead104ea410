import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunEvent } from '../../../src/common/events.ts'
import { runPipeline } from '../../../src/engine/run-pipeline.ts'
import { startSimulatedCdn } from '../../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../../src/engine/simulated-cdn/index.ts'
import { tempDir } from './fixtures.ts'
import type { TempDir } from './fixtures.ts'

let cdn: SimulatedCdn
let dir: TempDir
beforeAll(async () => {
  // One image after another, each 300 ms of waiting: the downloads are still going when the first saves.
  cdn = await startSimulatedCdn({ count: 4, sizeKB: 48, latencyMs: 300, bandwidthKBps: 0 })
})
afterAll(async () => cdn.close())
beforeEach(async () => (dir = await tempDir()))
afterEach(async () => dir.remove())

const indexOf = (events: RunEvent[], type: RunEvent['type'], taskId: number): number =>
  events.findIndex((event) => event.type === type && 'taskId' in event && event.taskId === taskId)

describe('download and process', () => {
  it('processes each image after its own download and while later ones still download; a 404 fails its process task as download_failed naming the URL', async () => {
    const missing = cdn.faultUrl({ kind: 'status', code: 404 })
    const urls = [...cdn.urls.slice(0, 2), missing, ...cdn.urls.slice(2)]
    const n = urls.length
    const events: RunEvent[] = []
    const summary = await runPipeline({
      urls,
      dir: dir.path,
      strategy: 'sequential',
      concurrency: 1,
      limits: { maxRetries: 0 },
      process: { kernel: 'sharp', strategy: 'pool', concurrency: 2, maxSize: 200 },
      onEvent: (event) => events.push(event)
    })

    const started = events.filter((event) => event.type === 'run-started')
    expect(started).toHaveLength(1)
    // The stages' strategies differ, and the window draws each stage with its own.
    expect(started[0]).toMatchObject({
      kind: 'pipeline',
      strategy: 'sequential',
      processStrategy: 'pool',
      outDir: join(dir.path, 'processed')
    })
    const tasks = started[0]?.type === 'run-started' ? started[0].tasks : []
    expect(tasks.map((task) => task.stage)).toEqual([
      ...urls.map(() => 'download'),
      ...urls.map(() => 'process')
    ])
    expect(events.filter((event) => event.type === 'run-finished')).toHaveLength(1)
    expect(events.at(-1)?.type).toBe('run-finished')

    const downloaded = urls.flatMap((url, i) => (url === missing ? [] : [i]))
    for (const i of downloaded) {
      expect(indexOf(events, 'task-started', n + i)).toBeGreaterThan(
        indexOf(events, 'task-finished', i)
      )
    }
    // The consumer does not wait for the producer to end: the first image is processed
    // before the last one has downloaded.
    const lastDownload = Math.max(...downloaded.map((i) => indexOf(events, 'task-finished', i)))
    expect(indexOf(events, 'task-started', n)).toBeLessThan(lastDownload)

    // The download's own event, outcome included, is the pipeline's.
    expect(events[indexOf(events, 'task-finished', 0)]).toMatchObject({ outcome: 'saved' })
    const failed = summary.tasks[n + 2]
    expect(failed?.status).toBe('failed')
    expect(failed?.error?.code).toBe('download_failed')
    expect(failed?.error?.message).toContain(missing)
    expect(summary.tasks[2]?.error?.code).toBe('http_404')
    expect([summary.ok, summary.failed, summary.cancelled]).toEqual([8, 2, 0])
    expect(
      (await readdir(join(dir.path, 'processed'))).filter((name) => !name.startsWith('.'))
    ).toHaveLength(4)
  })

  it('a cancel stops both stages: the run ends with every task settled, the unprocessed ones cancelled', async () => {
    const controller = new AbortController()
    const events: RunEvent[] = []
    const n = cdn.urls.length
    const summary = await runPipeline({
      urls: cdn.urls,
      dir: dir.path,
      strategy: 'sequential',
      concurrency: 1,
      signal: controller.signal,
      process: { kernel: 'js', strategy: 'workers', concurrency: 1, maxSize: 200 },
      onEvent: (event) => {
        events.push(event)
        // The first image saved: cancel while the others wait to download.
        if (event.type === 'task-finished' && event.taskId === 0) controller.abort()
      }
    })
    expect(summary.tasks.every((task) => task.status !== 'queued')).toBe(true)
    expect(summary.tasks.slice(1, n).every((task) => task.status === 'cancelled')).toBe(true)
    expect(summary.tasks.slice(n + 1).every((task) => task.status === 'cancelled')).toBe(true)
    expect(summary.cancelled).toBeGreaterThanOrEqual(2 * n - 2)
    expect(events.filter((event) => event.type === 'run-finished')).toHaveLength(1)
  })
})
