/**
 * The output folder missing, read-only, turned into a file mid-run, or on a
 * full disk: clear errors per image, nothing crashes, finished images intact.
 * Read-only and full disks are real tmpfs mounts (they need root).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { mkdir, readdir, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { assignFileNames } from '../../src/engine/file-names.ts'
import { runDownloads } from '../../src/engine/run.ts'
import type { DownloadRunOptions } from '../../src/engine/run.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { disposeAll, openService } from '../main/service-helpers.ts'
import { filesIn } from '../helpers/temp-dir.ts'
import {
  leftovers,
  lostFiles,
  mountTmpfs,
  probeMount,
  removeDir,
  tally,
  tempRoot,
  unmount
} from './helpers.ts'

const counts = tally('output-folder')
const canMount = await probeMount()
/** Said in a title only when the test really skips. */
const needsMount = canMount ? '' : ' (skipped: mounting a tmpfs needs root)'
const limits = { bodyTimeoutMs: 5000, maxRetries: 1, retryBaseDelayMs: 10 }

let cdn: SimulatedCdn
let slowCdn: SimulatedCdn
let root: string
const mounted: string[] = []
/** .part files stranded in a folder moved away mid-run (a known limit, reported). */
let strandedParts = 0
let fileNames: string[] = []

beforeAll(async () => {
  cdn = await startSimulatedCdn({ count: 6, sizeKB: 256, latencyMs: 5, bandwidthKBps: 0 })
  slowCdn = await startSimulatedCdn({ count: 8, sizeKB: 256, latencyMs: 20, bandwidthKBps: 2048 })
  root = await tempRoot()
  fileNames = assignFileNames(slowCdn.urls)
})
afterAll(async () => {
  console.log(
    `[reliability] output-folder: .part files stranded in a folder moved mid-run: ${strandedParts}`
  )
  await disposeAll()
  for (const dir of mounted.splice(0)) await unmount(dir)
  await cdn.close()
  await slowCdn.close()
  await removeDir(root)
})

async function run(options: Partial<DownloadRunOptions> & { urls: string[]; dir: string }) {
  const events: RunEvent[] = []
  const summary = await runDownloads({
    strategy: 'pool',
    concurrency: 3,
    limits,
    ...options,
    onEvent: (event) => {
      events.push(event)
      options.onEvent?.(event)
    }
  })
  counts.runs++
  return { summary, events }
}

/** Photo index of a task of a run over `source.urls`. */
const photoOf =
  (source: SimulatedCdn, urls: string[]) =>
  (task: { taskId: number }): Buffer =>
    source.photoBytes(source.urls.indexOf(urls[task.taskId] ?? ''))

async function mountHere(name: string, options: string): Promise<string> {
  const dir = join(root, name)
  await mkdir(dir, { recursive: true })
  await mountTmpfs(dir, options)
  mounted.push(dir)
  return dir
}

async function unmountHere(dir: string): Promise<void> {
  await unmount(dir)
  mounted.splice(mounted.indexOf(dir), 1)
}

describe('a missing output folder', () => {
  it('is created, however deep, and every image saved', async () => {
    const dir = join(root, 'missing', 'deeper', 'still deeper é')
    counts.faults++
    const { summary } = await run({ dir, urls: cdn.urls })
    expect(summary.ok).toBe(cdn.urls.length)
    expect(await lostFiles(summary.tasks, photoOf(cdn, cdn.urls), counts)).toEqual([])
    expect(await leftovers(dir)).toEqual([])
  })
})

describe('a read-only output folder', () => {
  it.skipIf(!canMount)(
    `fails each image with write_failed, and a folder that cannot be made under it too${needsMount}`,
    async () => {
      const dir = await mountHere('read-only', 'ro,size=1m')
      try {
        counts.faults += 2
        const { summary, events } = await run({ dir, urls: cdn.urls })
        expect(summary).toMatchObject({ ok: 0, failed: cdn.urls.length })
        for (const task of summary.tasks) {
          expect(task.error).toEqual({
            code: 'write_failed',
            message: 'the output folder is not writable'
          })
        }
        // Not retried: another attempt would meet the same folder.
        expect(events.filter((e) => e.type === 'task-retry')).toEqual([])
        expect(await readdir(dir)).toEqual([])

        const below = await run({ dir: join(dir, 'images'), urls: cdn.urls.slice(0, 2) })
        expect(below.summary.failed).toBe(2)
        expect(below.summary.tasks[0]?.error?.code).toBe('write_failed')
        // Node's recursive mkdir says ENOENT here; the message gives the real reason.
        expect(below.summary.tasks[0]?.error?.message).toMatch(
          /^cannot create the output folder .*images: EROFS: read-only file system/
        )
      } finally {
        await unmountHere(dir)
      }
    }
  )

  it.skipIf(!canMount)(
    `is refused by the app before a run starts, with the reason${needsMount}`,
    async () => {
      const dir = await mountHere('read-only-app', 'ro,size=1m')
      try {
        counts.faults++
        const t = await openService({ root: await tempRoot() })
        // The folder comes from the folder dialog (the page cannot name one).
        t.dialog.answer = dir
        expect((await t.service.chooseFolder()).ok).toBe(true)
        const started = await t.service.startDownload({
          strategy: 'pool',
          concurrency: 2,
          source: { kind: 'urls', urls: cdn.urls.slice(0, 2) }
        })
        expect(started).toEqual({
          ok: false,
          error: `The output folder ${dir} cannot be used (EROFS)`
        })
        const below = join(dir, 'a', 'b')
        t.dialog.answer = below
        expect((await t.service.chooseFolder()).ok).toBe(true)
        expect(
          await t.service.startDownload({
            strategy: 'pool',
            concurrency: 2,
            source: { kind: 'urls', urls: cdn.urls.slice(0, 2) }
          })
        ).toEqual({ ok: false, error: `The output folder ${below} cannot be used (EROFS)` })
        expect(await t.service.getHistory()).toEqual([])
        await t.service.dispose()
        await removeDir(t.root)
      } finally {
        await unmountHere(dir)
      }
    }
  )
})

describe.each(['sequential', 'pool', 'workers'] as const)(
  '%s: an output folder turned into a file mid-run',
  (strategy) => {
    it('keeps the finished images whole where the folder went, fails the rest clearly, and the next run works', async () => {
      const base = join(root, `turned-${strategy}`)
      const dir = join(base, 'images')
      const moved = join(base, 'moved')
      let turned = false
      counts.faults++
      const { summary } = await run({
        strategy,
        dir,
        urls: slowCdn.urls,
        onEvent: (event) => {
          if (event.type !== 'task-finished' || turned) return
          // At once, from the event: the user moves the folder away and a file takes its place.
          turned = true
          renameSync(dir, moved)
          writeFileSync(dir, 'a file where the folder was')
        }
      })
      expect(turned).toBe(true)
      expect(summary.ok).toBeGreaterThan(0)
      expect(summary.ok + summary.failed).toBe(slowCdn.urls.length)
      for (const task of summary.tasks) {
        if (task.status === 'done') {
          counts.filesChecked++
          const whole = readFileSync(join(moved, basename(task.file ?? ''))).equals(
            photoOf(slowCdn, slowCdn.urls)(task)
          )
          if (!whole) counts.filesLost++
          expect(whole, task.file).toBe(true)
        } else {
          expect(task.error, task.label).toEqual({
            code: 'write_failed',
            message: `the output folder ${dir} was moved or replaced during the run, so nothing more is written there`
          })
        }
      }
      const left = await leftovers(moved)
      if (strategy === 'sequential') {
        // One image at a time, and the next had no file open yet: nothing is left.
        expect(left).toEqual([])
      } else {
        // Images mid-body when the folder moved keep writing into it; their .part cannot be
        // found by its old path afterwards (see the report). Only those, never a finished one.
        const planned = new Set(
          summary.tasks
            .filter((t) => t.status === 'failed')
            .map((t) => `${fileNames[t.taskId]}.part`)
        )
        for (const name of left) expect(planned.has(name), name).toBe(true)
        expect(left.length).toBeLessThanOrEqual(3)
        strandedParts += left.length
      }

      // The next run into the path, now a file, fails before any download, clearly.
      const blocked = await run({ strategy, dir, urls: slowCdn.urls.slice(0, 2) })
      expect(blocked.summary.failed).toBe(2)
      expect(blocked.summary.tasks[0]?.error?.message).toMatch(/^cannot create the output folder/)
      // Once the file is gone, the same folder works again.
      await rm(dir)
      const again = await run({ strategy, dir, urls: slowCdn.urls.slice(0, 2) })
      expect(again.summary.ok).toBe(2)
      expect(await lostFiles(again.summary.tasks, photoOf(slowCdn, slowCdn.urls), counts)).toEqual(
        []
      )
    })
  }
)

describe.each(['sequential', 'pool'] as const)('%s: a full disk', (strategy) => {
  it.skipIf(!canMount)(
    `saves the images that fit whole, fails the rest with disk_full, leaves no .part${needsMount}`,
    async () => {
      // 1 MiB holds at most four 256 KiB images, and fewer while several are written at once.
      const dir = await mountHere(`full-${strategy}`, 'size=1m')
      try {
        counts.faults++
        const { summary, events } = await run({ strategy, dir, urls: cdn.urls })
        expect(summary.ok).toBeGreaterThanOrEqual(strategy === 'sequential' ? 3 : 1)
        expect(summary.failed).toBeGreaterThan(0)
        expect(summary.ok + summary.failed).toBe(cdn.urls.length)
        for (const task of summary.tasks.filter((t) => t.status === 'failed')) {
          expect(task.error).toEqual({ code: 'disk_full', message: 'the disk is full' })
        }
        expect(events.filter((e) => e.type === 'task-retry')).toEqual([])
        expect(await lostFiles(summary.tasks, photoOf(cdn, cdn.urls), counts)).toEqual([])
        expect(await leftovers(dir)).toEqual([])
        expect(await filesIn(dir)).toHaveLength(summary.ok)
      } finally {
        await unmountHere(dir)
      }
    }
  )
})
