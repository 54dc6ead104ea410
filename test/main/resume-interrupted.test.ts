/**
 * The history's Resume of a run the app quit during: the quit keeps each
 * resumable `.part` file with its validator (kept-parts.json), and Resume, in the
 * next session, continues it with Range + If-Range into the same folder. Real
 * simulated CDNs on loopback (a slow one for the run that is cut short, another on
 * a new port for the next session, as after a restart), real files.
 */
import { lstat, readdir, readFile, readlink, symlink, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { AppService } from '../../src/main/service/app-service.ts'
import { createHandlers } from '../../src/main/service/handlers.ts'
import {
  KEPT_PART_MAX_AGE_MS,
  KEPT_PARTS_FILE,
  openKeptPartsStore
} from '../../src/main/service/runs/kept-parts.ts'
import type { StartCdn } from '../../src/main/service/runs/simulated-source.ts'
import { disposeAll, openService } from './service-helpers.ts'
import { until } from './helpers.ts'

const SIZE_KB = 96
const SOURCE = { count: 2, sizeKB: SIZE_KB, latencyMs: 5, bandwidthKBps: 16 }
/** What each image has on disk, at least, when the app quits: a part worth resuming. */
const CUT_AT = 8 * 1024

let slow: SimulatedCdn
const others: SimulatedCdn[] = []

/** The service's simulated source is this CDN, whatever the run asks (its paths are the same). */
const serving =
  (cdn: SimulatedCdn): StartCdn =>
  async () => ({ urls: cdn.urls, close: async () => undefined })

async function cdnOf(sizeKB: number): Promise<SimulatedCdn> {
  const cdn = await startSimulatedCdn({
    count: SOURCE.count,
    sizeKB,
    latencyMs: 1,
    bandwidthKBps: 0
  })
  others.push(cdn)
  return cdn
}

beforeAll(async () => {
  // 96 KiB at 16 KiB/s a connection: six seconds an image, so the quit finds both mid-body.
  slow = await startSimulatedCdn({ ...SOURCE, latencyMs: 5 })
})
afterAll(async () => {
  await disposeAll()
  await slow.close()
  for (const cdn of others) await cdn.close()
})

const partsIn = async (dir: string): Promise<string[]> =>
  (await readdir(dir)).filter((name) => name.endsWith('.part')).sort()

/** A run of the two photos cut short by quitting the app once each has CUT_AT bytes. */
async function quitMidRun(strategy: 'pool' | 'workers' = 'pool') {
  const t = await openService({ startSimulatedCdn: serving(slow) })
  const events: RunEvent[] = []
  t.service.onRunEvents((batch) => events.push(...batch))
  const started = await t.service.startDownload({
    strategy,
    concurrency: 2,
    source: { kind: 'simulated', simulated: SOURCE }
  })
  if (!started.ok) throw new Error(started.error)
  const progressed = (taskId: number) =>
    events.some((e) => e.type === 'task-progress' && e.taskId === taskId && e.bytes >= CUT_AT)
  await until(() => progressed(0) && progressed(1), 30_000)
  await t.service.dispose()
  const parts = await partsIn(t.outputDir)
  return { t, runId: started.value.runId, parts }
}

/** The next session: a new service on the same user data, its simulated CDN `cdn`. */
async function nextSession(t: Awaited<ReturnType<typeof quitMidRun>>['t'], cdn: SimulatedCdn) {
  const service = await t.reopen({ startSimulatedCdn: serving(cdn) })
  const events: RunEvent[] = []
  service.onRunEvents((batch) => events.push(...batch))
  return { service, events, handlers: createHandlers(service) }
}

async function resumed(service: AppService, events: RunEvent[], runId: string) {
  const handlers = createHandlers(service)
  const answer = await handlers.resumeRun(runId)
  if (!answer.ok) throw new Error(answer.error)
  const newRunId = answer.value.runId
  await until(() => events.some((e) => e.type === 'run-finished' && e.runId === newRunId), 30_000)
  const record = (await service.getHistory()).find((r) => r.runId === newRunId)
  return { newRunId, record: record! }
}

describe('Resume of a run the app quit during', () => {
  it.each(['pool', 'workers'] as const)(
    '%s: keeps each part with its validator at the quit; Resume asks for the rest with Range and the files are byte-identical',
    async (strategy) => {
      const { t, runId, parts } = await quitMidRun(strategy)
      expect(parts).toHaveLength(2)
      const kept = JSON.parse(await readFile(join(t.userDataDir, KEPT_PARTS_FILE), 'utf8'))
      expect(kept.runs[0].runId).toBe(runId)
      expect(
        kept.runs[0].tasks.map((task: { part: { name: string } }) => task.part.name).sort()
      ).toEqual(parts)
      expect(kept.runs[0].tasks[0].part.validator).toMatch(/^"/)
      const sizes = await Promise.all(
        parts.map(async (p) => (await lstat(join(t.outputDir, p))).size)
      )
      for (const size of sizes) expect(size).toBeGreaterThan(0)

      const fast = await cdnOf(SIZE_KB)
      const next = await nextSession(t, fast)
      const before = (await next.service.getHistory()).find((r) => r.runId === runId)
      expect(before).toMatchObject({ interrupted: true })
      const { newRunId, record } = await resumed(next.service, next.events, runId)

      expect(record).toMatchObject({ ok: 2, failed: 0, interrupted: false })
      // Both continued their parts: a Range request each, answered with the rest (206).
      expect(fast.stats.rangeRequests).toBe(2)
      expect(fast.stats.partialAnswers).toBe(2)
      // The first progress of each resumed image counts the bytes kept from the quit.
      const firsts = [0, 1].map((id) =>
        next.events.find(
          (e) => e.type === 'task-progress' && e.runId === newRunId && e.taskId === id
        )
      )
      for (const first of firsts)
        expect(first?.type === 'task-progress' && first.bytes).toBeGreaterThan(0)
      for (const task of record.tasks) {
        const index = Number(/photo-(\d+)/.exec(task.label)?.[1]) - 1
        expect((await readFile(task.file!)).equals(slow.photoBytes(index))).toBe(true)
      }
      expect(await partsIn(t.outputDir)).toEqual([])
      // One Resume: the interrupted run names the run that resumed it, and a second is refused.
      const after = (await next.service.getHistory()).find((r) => r.runId === runId)
      expect(after?.resumedBy).toBe(newRunId)
      expect(await next.handlers.resumeRun(runId)).toEqual({
        ok: false,
        error: 'This run cannot be resumed'
      })
      const keptAfter = JSON.parse(await readFile(join(t.userDataDir, KEPT_PARTS_FILE), 'utf8'))
      expect(keptAfter.runs).toEqual([])
    },
    60_000
  )

  it('starts over cleanly when the server’s ETag has changed since the quit', async () => {
    const { t, runId, parts } = await quitMidRun()
    expect(parts).toHaveLength(2)
    // The same paths, other images: another size gives another ETag.
    const changed = await cdnOf(SIZE_KB + 1)
    const next = await nextSession(t, changed)
    const { record } = await resumed(next.service, next.events, runId)
    expect(record).toMatchObject({ ok: 2, failed: 0 })
    // Asked with If-Range, answered with the whole new image (200), not a 206 of the old one.
    expect(changed.stats.rangeRequests).toBe(2)
    expect(changed.stats.partialAnswers).toBe(0)
    for (const task of record.tasks) {
      const index = Number(/photo-(\d+)/.exec(task.label)?.[1]) - 1
      const bytes = await readFile(task.file!)
      expect(bytes.equals(changed.photoBytes(index))).toBe(true)
      expect(bytes.length).toBe((SIZE_KB + 1) * 1024)
    }
    expect(await partsIn(t.outputDir)).toEqual([])
  }, 60_000)

  it('does not touch a part replaced by a link or by a file of the user’s: those images start over', async () => {
    const { t, runId, parts } = await quitMidRun()
    const [linked, replaced] = parts as [string, string]
    const outside = join(t.root, 'outside.txt')
    await writeFile(outside, 'not the app’s')
    await unlink(join(t.outputDir, linked))
    await symlink(outside, join(t.outputDir, linked))
    await unlink(join(t.outputDir, replaced))
    // The user's own file at the name: the start of a JPEG, so only its identity tells it apart.
    const users = Buffer.concat([slow.photoBytes(0).subarray(0, 4096), Buffer.from('user data')])
    await writeFile(join(t.outputDir, replaced), users)

    const fast = await cdnOf(SIZE_KB)
    const next = await nextSession(t, fast)
    const { record } = await resumed(next.service, next.events, runId)
    expect(record).toMatchObject({ ok: 2, failed: 0 })
    // Neither was continued: no Range request, both downloaded whole and byte-equal.
    expect(fast.stats.rangeRequests).toBe(0)
    for (const task of record.tasks) {
      const index = Number(/photo-(\d+)/.exec(task.label)?.[1]) - 1
      expect((await readFile(task.file!)).equals(fast.photoBytes(index))).toBe(true)
    }
    // The link and the user's file are as they were, and what the link leads to too.
    expect((await lstat(join(t.outputDir, linked))).isSymbolicLink()).toBe(true)
    expect(await readlink(join(t.outputDir, linked))).toBe(outside)
    expect(await readFile(outside, 'utf8')).toBe('not the app’s')
    expect((await readFile(join(t.outputDir, replaced))).equals(users)).toBe(true)
    // Nor does a later start remove them.
    await next.service.dispose()
    await t.reopen({ startSimulatedCdn: serving(fast) })
    expect(await partsIn(t.outputDir)).toEqual([linked, replaced].sort())
  }, 60_000)

  it('removes the kept parts when the run leaves the history, and when they are older than a week', async () => {
    const { t, runId, parts } = await quitMidRun()
    expect(parts).toHaveLength(2)
    const next = await nextSession(t, await cdnOf(SIZE_KB))
    await next.service.clearHistory()
    expect(await partsIn(t.outputDir)).toEqual([])
    expect(await next.handlers.resumeRun(runId)).toMatchObject({ ok: false })

    const second = await quitMidRun()
    const store = await openKeptPartsStore({ userDataDir: second.t.userDataDir })
    expect(await store.prune(new Set([second.runId]), Date.now() + KEPT_PART_MAX_AGE_MS / 2)).toBe(
      0
    )
    expect(await partsIn(second.t.outputDir)).toHaveLength(2)
    expect(await store.prune(new Set([second.runId]), Date.now() + KEPT_PART_MAX_AGE_MS + 1)).toBe(
      2
    )
    expect(await partsIn(second.t.outputDir)).toEqual([])
  }, 60_000)

  it('refuses a run id that is not a history run’s, and anything but an id', async () => {
    const t = await openService()
    const handlers = createHandlers(t.service)
    expect(await handlers.resumeRun('no-such-run')).toEqual({
      ok: false,
      error: 'This run cannot be resumed'
    })
    for (const bad of ['../etc', '/tmp/x', { runId: 'x' }, 42, ''])
      expect(await handlers.resumeRun(bad)).toMatchObject({ ok: false })
    expect(await handlers.resumeRun('a', 'b')).toMatchObject({ ok: false })
  })
})
