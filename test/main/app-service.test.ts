import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TaskThumbnailEvent } from '../../src/common/events.ts'
import { WorkerPool } from '../../src/engine/threads/worker-pool.ts'
import { until } from './helpers.ts'
import { disposeAll, openService, SIX_SMALL_PHOTOS } from './service-helpers.ts'
import { filesIn } from '../helpers/temp-dir.ts'

afterEach(disposeAll)

describe('app service: a download run on the simulated CDN', () => {
  it('saves the files, makes the thumbnails, batches the events and records the run', async () => {
    const t = await openService()
    const started = await t.service.startDownload(SIX_SMALL_PHOTOS)
    expect(started.ok).toBe(true)
    if (!started.ok) return
    const { runId } = started.value
    const end = await t.finished(runId)
    expect(end).toMatchObject({ type: 'run-finished', ok: 6, failed: 0, cancelled: 0 })

    // The files, whole, in the output folder; nothing else there.
    const saved = await filesIn(t.outputDir)
    expect(saved).toHaveLength(6)
    expect(saved.every((name) => name.endsWith('.jpg'))).toBe(true)
    for (const name of saved) expect((await stat(join(t.outputDir, name))).size).toBe(64 * 1024)

    // One thumbnail per image, in the cache folder; the run ends with its last image, and
    // its previews follow, counted by previews-progress up to 6 of 6.
    await until(() => t.events().some((e) => e.type === 'previews-progress' && e.done === 6))
    const events = t.events()
    const thumbs = events.filter((e): e is TaskThumbnailEvent => e.type === 'task-thumbnail')
    expect(thumbs).toHaveLength(6)
    expect(events.at(-1)).toMatchObject({ type: 'previews-progress', done: 6, total: 6 })
    expect(events[0]?.type).toBe('run-started')
    for (const thumb of thumbs) {
      expect(thumb.url).toMatch(
        new RegExp(`^http://127\\.0\\.0\\.1:9/thumbnails/${runId}/\\d+\\.jpg$`)
      )
      expect(Math.max(thumb.width, thumb.height)).toBeLessThanOrEqual(320)
      expect(thumb.ms).toBeGreaterThan(0)
    }
    const cached = await readdir(join(t.cacheDir, 'thumbnails', runId))
    expect(cached).toHaveLength(6)
    const meta = await sharp(join(t.cacheDir, 'thumbnails', runId, cached[0]!)).metadata()
    expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(320)

    // Events arrived in batches, not one message each.
    expect(t.batches.length).toBeLessThan(events.length)
    expect(
      new Set(events.filter((e) => e.type === 'task-finished').map((e) => e.taskId)).size
    ).toBe(6)

    // Taskbar progress went up to 1, then was cleared with the run's totals.
    const fractions = t.progress.map((p) => p.fraction).filter((f) => f !== null)
    expect(fractions.at(-1)).toBe(1)
    expect(t.progress.at(-1)).toMatchObject({
      fraction: null,
      ended: { ok: 6, failed: 0, cancelled: 0 }
    })

    // The history entry survives a restart.
    await t.service.dispose()
    const again = await t.reopen()
    const history = await again.getHistory()
    expect(history).toHaveLength(1)
    expect(history[0]).toMatchObject({
      runId,
      kind: 'download',
      strategy: 'pool',
      concurrency: 3,
      sourceLabel: 'simulated CDN (6 × 64 KB, 20 ms, unlimited)',
      dir: t.outputDir,
      count: 6,
      ok: 6,
      failed: 0,
      cancelled: 0,
      bytes: 6 * 64 * 1024,
      interrupted: false
    })
    for (const task of history[0]!.tasks) {
      expect(task.status).toBe('done')
      expect(task.lane).toBeGreaterThanOrEqual(0)
      expect(task.lane).toBeLessThan(3)
      expect(task.endMs!).toBeGreaterThanOrEqual(task.startMs!)
    }
    // Its thumbnails stay, since the run is still in the history.
    expect(await readdir(join(t.cacheDir, 'thumbnails', runId))).toHaveLength(6)
  })

  it('runs with worker threads and gives the same source key for the same source', async () => {
    const t = await openService()
    const first = await t.service.startDownload({
      ...SIX_SMALL_PHOTOS,
      strategy: 'workers',
      concurrency: 2
    })
    if (!first.ok) throw new Error(first.error)
    expect(await t.finished(first.value.runId)).toMatchObject({ ok: 6 })
    const second = await t.service.startDownload({
      ...SIX_SMALL_PHOTOS,
      strategy: 'sequential',
      concurrency: 1
    })
    if (!second.ok) throw new Error(second.error)
    expect(await t.finished(second.value.runId)).toMatchObject({ ok: 6 })
    const history = await t.service.getHistory()
    expect(history.map((r) => r.strategy)).toEqual(['sequential', 'workers'])
    expect(history[0]!.sourceKey).toBe(history[1]!.sourceKey)
    const lanes = new Set(history[1]!.tasks.map((task) => task.lane))
    expect(lanes.size).toBeGreaterThan(1)
  })

  it('keeps its worker threads for the next workers run', async () => {
    // Downloads share at most ioThreads threads (by default one a core): three, on any machine.
    const workerPool = new WorkerPool({ ioThreads: 3 })
    try {
      const t = await openService({ workerPool })
      for (let round = 0; round < 2; round++) {
        const run = await t.service.startDownload({
          ...SIX_SMALL_PHOTOS,
          strategy: 'workers',
          concurrency: 3
        })
        if (!run.ok) throw new Error(run.error)
        expect(await t.finished(run.value.runId)).toMatchObject({ ok: 6 })
      }
      expect(workerPool.threadsStarted).toBe(3)
      expect(workerPool.threadCount).toBe(3)
    } finally {
      await workerPool.close()
    }
  })

  it('refuses a second run while one goes on, and cancels cleanly', async () => {
    const t = await openService()
    const slow = {
      ...SIX_SMALL_PHOTOS,
      concurrency: 2,
      source: {
        kind: 'simulated' as const,
        simulated: { count: 6, sizeKB: 256, latencyMs: 300, bandwidthKBps: 256 }
      }
    }
    const first = await t.service.startDownload(slow)
    if (!first.ok) throw new Error(first.error)
    expect(await t.service.startDownload(slow)).toEqual({
      ok: false,
      error: 'A run is already in progress'
    })
    expect(
      await t.service.startSleep({
        strategy: 'pool',
        concurrency: 1,
        seconds: [0.1],
        mode: 'timer',
        order: 'completed'
      })
    ).toEqual({ ok: false, error: 'A run is already in progress' })
    await until(() => t.events().some((e) => e.type === 'task-progress'))
    expect(await t.service.cancelRun()).toBe(true)
    const end = await t.finished(first.value.runId)
    expect(end).toMatchObject({ ok: 0 })
    if (end.type === 'run-finished') expect(end.cancelled).toBeGreaterThan(0)
    // No partial file is left behind.
    expect((await readdir(t.outputDir)).filter((f) => f.endsWith('.part'))).toEqual([])
    expect(await t.service.cancelRun()).toBe(false)
    const history = await t.service.getHistory()
    expect(history[0]).toMatchObject({ runId: first.value.runId, interrupted: false })
  })

  it('starts two quick calls as one run', async () => {
    const t = await openService()
    const [a, b] = await Promise.all([
      t.service.startDownload(SIX_SMALL_PHOTOS),
      t.service.startDownload(SIX_SMALL_PHOTOS)
    ])
    expect([a.ok, b.ok].sort()).toEqual([false, true])
    const ok = a.ok ? a : b
    if (ok.ok) await t.finished(ok.value.runId)
  })

  it('gives a clear per-image note for a saved file that is not a decodable image', async () => {
    const server = createServer((request, response) => {
      if (request.url === '/broken.jpg') {
        response.writeHead(200, { 'content-type': 'image/jpeg' })
        // A JPEG's first bytes (so the download takes it for one), then no JPEG at all.
        response.end(
          Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('just text bytes')])
        )
      } else {
        void sharp({ create: { width: 640, height: 480, channels: 3, background: '#3a6' } })
          .jpeg()
          .toBuffer()
          .then((body) => {
            response.writeHead(200, { 'content-type': 'image/jpeg' })
            response.end(body)
          })
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const t = await openService()
      const started = await t.service.startDownload({
        strategy: 'pool',
        concurrency: 2,
        source: {
          kind: 'urls',
          urls: [`${origin}/good.jpg`, `${origin}/broken.jpg`],
          imageSize: 'original'
        }
      })
      if (!started.ok) throw new Error(started.error)
      const end = await t.finished(started.value.runId)
      // The download itself succeeded: the file is saved as served.
      expect(end).toMatchObject({ ok: 2, failed: 0 })
      await until(() => t.events().some((e) => e.type === 'previews-progress' && e.done === 2))
      const events = t.events()
      const brokenTask = events.find((e) => e.type === 'run-started')!
      const brokenId =
        brokenTask.type === 'run-started'
          ? brokenTask.tasks.find((x) => x.label.endsWith('broken.jpg'))!.taskId
          : -1
      expect(events.filter((e) => e.type === 'task-thumbnail').map((e) => e.taskId)).not.toContain(
        brokenId
      )
      const note = events.find(
        (e) =>
          (e as { type: string }).type === 'task-thumbnail-failed' &&
          'taskId' in e &&
          e.taskId === brokenId
      ) as unknown as { message: string } | undefined
      expect(note?.message).toMatch(/^No thumbnail: not an image that can be decoded/)
      // The note is written to the history once the previews are made, after the run's end.
      let history = await t.service.getHistory()
      await vi.waitFor(
        async () => {
          history = await t.service.getHistory()
          expect(history[0]?.tasks.some((x) => x.message)).toBe(true)
        },
        { timeout: 60_000, interval: 50 }
      )
      const task = history[0]!.tasks.find((x) => x.taskId === brokenId)!
      expect(task.status).toBe('done')
      expect(task.message).toMatch(/^No thumbnail/)
      // The source label names the host.
      expect(history[0]!.sourceLabel).toBe('2 URLs from 127.0.0.1')
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('refuses a list with an URL that cannot be downloaded, and an output folder that cannot be made', async () => {
    const t = await openService()
    expect(
      await t.service.startDownload({
        strategy: 'pool',
        concurrency: 2,
        source: {
          kind: 'urls',
          urls: ['https://example.com/a.jpg', 'file:///etc/passwd'],
          imageSize: 'original'
        }
      })
    ).toEqual({
      ok: false,
      error: 'URL 2 cannot be downloaded: file: URLs are not downloaded; use http or https'
    })
    const blocker = join(t.root, 'a-file')
    await writeFile(blocker, 'x')
    t.dialog.answer = join(blocker, 'images')
    expect(await t.service.chooseFolder()).toEqual({ ok: true, value: join(blocker, 'images') })
    const result = await t.service.startDownload(SIX_SMALL_PHOTOS)
    expect(result).toEqual({
      ok: false,
      error: `The output folder ${join(blocker, 'images')} cannot be used (ENOTDIR)`
    })
    t.dialog.answer = 'relative'
    expect(await t.service.chooseFolder()).toEqual({
      ok: false,
      error: 'The output folder relative cannot be used (it must be an absolute path)'
    })
    expect(await t.service.getHistory()).toEqual([])
  })
})

describe('app service: sleep demo', () => {
  it('runs the sleep demo and records its mode', async () => {
    const t = await openService()
    const started = await t.service.startSleep({
      strategy: 'pool',
      concurrency: 3,
      seconds: [0.05, 0.1, 0.05],
      mode: 'timer',
      order: 'completed'
    })
    if (!started.ok) throw new Error(started.error)
    expect(await t.finished(started.value.runId)).toMatchObject({ ok: 3 })
    const events = t.events()
    expect(
      events
        .filter((e) => e.type === 'task-finished')
        .map((e) => e.type === 'task-finished' && e.message)
    ).toContain('Done Sleeping...0.05')
    const [record] = await t.service.getHistory()
    expect(record).toMatchObject({
      kind: 'sleep',
      mode: 'timer',
      ok: 3,
      sourceLabel: 'sleep 0.05, 0.1, 0.05 s (timer)'
    })
    expect(record!.dir).toBeUndefined()
  })
})
