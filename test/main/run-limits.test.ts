/**
 * Issue 19 item 6: no limits on size. 8 rounds of 10,000 URLs of 8 KB grew
 * history.json to 501 MB (from round 7 it could no longer be written); 100
 * spinning sleeps at concurrency 256 started 100 threads (2 GB); a simulated
 * source of 977 GiB started writing with no free-space check.
 */
import { createServer } from 'node:net'
import type { Server, Socket } from 'node:net'
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { MAX_URLS } from '../../src/common/defaults.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { WorkerPool } from '../../src/engine/threads/worker-pool.ts'
import { createHandlers } from '../../src/main/service/handlers.ts'
import {
  HISTORY_LABEL_CHARS,
  HISTORY_TASK_BUDGET,
  HISTORY_TEXT_CHARS
} from '../../src/main/service/stores/history-limits.ts'
import { HISTORY_FILE, openHistoryStore } from '../../src/main/service/stores/history-store.ts'
import { mountTmpfs, probeMount, unmount } from '../reliability/helpers.ts'
import { runRecord, tempDir } from './helpers.ts'
import { disposeAll, openService } from './service-helpers.ts'

afterEach(disposeAll)

const canMount = await probeMount()
/** Said in a title only when the test really skips. */
const needsMount = canMount ? '' : ' (skipped: mounting a tmpfs needs root)'

describe('worker threads are capped at 4 per core', () => {
  it('refuses more worker threads than 4 × cores, with the cap in the message, and starts none', async () => {
    const workerPool = new WorkerPool()
    try {
      const t = await openService({ cpuCount: 2, workerPool })
      const handlers = createHandlers(t.service)
      const spin = {
        strategy: 'workers',
        concurrency: 256,
        seconds: Array.from({ length: 100 }, () => 0.01),
        mode: 'spin',
        order: 'completed'
      }
      const refused = await handlers.startSleep(spin)
      expect(refused).toEqual({
        ok: false,
        error:
          'At most 8 worker threads on this computer (4 per core, 2 cores): each one is a whole ' +
          'JavaScript engine. Choose 8 or fewer, or the promise pool, which runs up to 256 ' +
          'tasks at once on one thread.'
      })
      expect(workerPool.threadsStarted).toBe(0)
      expect(t.events()).toEqual([])

      // At the cap it runs, on at most 8 threads.
      const atCap = await handlers.startSleep({ ...spin, concurrency: 8, seconds: [0.01, 0.01] })
      if (!atCap.ok) throw new Error(atCap.error)
      expect(await t.finished(atCap.value.runId)).toMatchObject({ ok: 2 })
      expect(workerPool.threadsStarted).toBeLessThanOrEqual(8)
    } finally {
      await workerPool.close()
    }
  })
})

describe('a workers download is not capped by the thread limit', () => {
  it('runs 64 download lanes on at most one thread a core, where sleeps would be refused', async () => {
    const workerPool = new WorkerPool()
    try {
      const t = await openService({ cpuCount: 2, workerPool })
      const handlers = createHandlers(t.service)
      const simulated = { count: 12, sizeKB: 4, latencyMs: 0, bandwidthKBps: 0 }
      const started = await handlers.startDownload({
        strategy: 'workers',
        concurrency: 64,
        source: { kind: 'simulated', simulated }
      })
      if (!started.ok) throw new Error(started.error)
      expect(await t.finished(started.value.runId)).toMatchObject({ ok: 12, failed: 0 })
      // Downloads share threads: 64 lanes start no more than the pool's I/O threads.
      expect(workerPool.threadsStarted).toBeGreaterThan(0)
      expect(workerPool.threadsStarted).toBeLessThanOrEqual(workerPool.ioThreads)
    } finally {
      await workerPool.close()
    }
  })
})

describe('free space is checked before a run of known size', () => {
  // A disk of 1 MiB: a tmpfs, which only root may mount.
  it.skipIf(!canMount)(
    `refuses a simulated source larger than the folder's free space, naming the need and what is free${needsMount}`,
    async () => {
      const root = await tempDir()
      const disk = join(root, 'small disk')
      await mkdir(disk)
      await mountTmpfs(disk, 'size=1m')
      try {
        let cdnStarts = 0
        const t = await openService({
          root,
          startSimulatedCdn: (options) => {
            cdnStarts++
            return startSimulatedCdn(options)
          }
        })
        t.dialog.answer = disk
        expect((await t.service.chooseFolder()).ok).toBe(true)
        const handlers = createHandlers(t.service)
        const simulated = { count: 2, sizeKB: 1024, latencyMs: 0, bandwidthKBps: 0 }
        expect(
          await handlers.startDownload({
            strategy: 'pool',
            concurrency: 2,
            source: { kind: 'simulated', simulated }
          })
        ).toEqual({
          ok: false,
          error: `Not enough free space in ${disk}: this run needs 2.0 MiB and 1.0 MiB is free`
        })
        expect(cdnStarts).toBe(0)
        expect(await readdir(disk)).toEqual([])
        expect(await t.service.getHistory()).toEqual([])

        // One that fits runs.
        const fits = await handlers.startDownload({
          strategy: 'pool',
          concurrency: 2,
          source: { kind: 'simulated', simulated: { ...simulated, sizeKB: 256 } }
        })
        if (!fits.ok) throw new Error(fits.error)
        expect(await t.finished(fits.value.runId)).toMatchObject({ ok: 2 })
        expect(cdnStarts).toBe(1)
        await t.service.dispose()
      } finally {
        await unmount(disk)
      }
    }
  )
})

describe('the history stays small whatever the runs were', () => {
  // Accepts connections and never answers: every image is still waiting when the run is cancelled.
  let server: Server
  const sockets = new Set<Socket>()
  let port = 0
  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as { port: number }).port
  })
  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => server.close(resolve))
  })

  const longUrl = (round: number, i: number): string =>
    `http://127.0.0.1:${port}/${'p'.repeat(8000)}/${round}-${i}.jpg`

  it('a run of 8 KB URLs is stored with its labels cut', async () => {
    const t = await openService()
    const urls = Array.from({ length: 1000 }, (_, i) => longUrl(0, i))
    const started = await createHandlers(t.service).startDownload({
      strategy: 'pool',
      concurrency: 4,
      source: { kind: 'urls', urls }
    })
    if (!started.ok) throw new Error(started.error)
    await t.service.cancelRun()
    expect(await t.finished(started.value.runId)).toMatchObject({ cancelled: 1000 })
    await t.service.dispose()
    // 8 MB of URLs; about 400 bytes a task once cut.
    expect((await stat(join(t.userDataDir, HISTORY_FILE))).size).toBeLessThan(1024 * 1024)
    const [record] = await (await t.reopen()).getHistory()
    expect(record).toMatchObject({ count: 1000, cancelled: 1000 })
    expect(record!.tasks).toHaveLength(1000)
    for (const task of record!.tasks) {
      expect(task.label).toHaveLength(HISTORY_LABEL_CHARS)
      expect(task.label).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/p+…$/)
    }
  })

  // The parsing of 80 MB of URL text a round takes seconds by itself, so the 8 rounds go
  // straight to the store, as the run controller writes them.
  it('8 rounds of 10,000 tasks with 8 KB labels: tasks kept to a budget, the file small', async () => {
    const dir = await tempDir()
    const history = await openHistoryStore({ userDataDir: dir })
    const rounds = 8
    for (let round = 0; round < rounds; round++) {
      const tasks = Array.from({ length: MAX_URLS }, (_, i) => ({
        taskId: i,
        label: longUrl(round, i),
        status: 'failed' as const,
        bytes: 0,
        startMs: 1,
        endMs: 2,
        lane: 0,
        error: { code: 'http_404' as const, message: `HTTP 404: ${'not found '.repeat(100)}` }
      }))
      await history.put(
        runRecord(`round-${round}`, { count: MAX_URLS, ok: 0, failed: MAX_URLS, tasks })
      )
    }
    await history.flush()
    const file = join(dir, HISTORY_FILE)
    // Kept whole, these were 650 MB of text; cut and budgeted, under 16 MB.
    expect((await stat(file)).size).toBeLessThan(16 * 1024 * 1024)

    const again = (await openHistoryStore({ userDataDir: dir })).list()
    expect(again).toHaveLength(rounds)
    // Every run keeps its totals; the newest keep their tasks up to the budget.
    for (const run of again) expect(run).toMatchObject({ count: MAX_URLS, failed: MAX_URLS })
    const kept = again.map((run) => run.tasks.length)
    expect(kept[0]).toBe(MAX_URLS)
    expect(kept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(HISTORY_TASK_BUDGET)
    expect(kept.at(-1)).toBe(0)
    const task = again[0]!.tasks[0]!
    expect(task.label).toHaveLength(HISTORY_LABEL_CHARS)
    expect(task.error!.message.length).toBeLessThanOrEqual(HISTORY_TEXT_CHARS)
  }, 120_000)

  it('a history written before the limits is cut down on the next start', async () => {
    const dir = await tempDir()
    const runs = Array.from({ length: 3 }, (_, round) =>
      runRecord(`old-${round}`, {
        count: MAX_URLS,
        tasks: Array.from({ length: MAX_URLS }, (_, i) => ({
          taskId: i,
          label: longUrl(round, i).slice(0, 1000),
          status: 'done' as const,
          bytes: 1,
          startMs: 1,
          endMs: 2,
          lane: 0
        }))
      })
    )
    const file = join(dir, HISTORY_FILE)
    await writeFile(file, JSON.stringify({ version: 1, runs }))
    const before = (await stat(file)).size
    const history = await openHistoryStore({ userDataDir: dir })
    await history.flush()
    expect((await stat(file)).size).toBeLessThan(before / 3)
    expect(history.list().map((run) => run.tasks.length)).toEqual([MAX_URLS, MAX_URLS, 0])
  })
})
