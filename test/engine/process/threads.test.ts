import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunEvent } from '../../../src/common/events.ts'
import { runProcessing } from '../../../src/engine/run-process.ts'
import { WorkerPool } from '../../../src/engine/threads/worker-pool.ts'
import { tempDir, writePhoto } from './fixtures.ts'
import type { TempDir } from './fixtures.ts'

let dir: TempDir
beforeEach(async () => (dir = await tempDir()))
afterEach(async () => dir.remove())

/** A photo of 24 megapixels, made once: the js kernel's blur takes seconds of computing on it. */
let huge: TempDir
beforeAll(async () => {
  huge = await tempDir()
  const bytes = await sharp({
    create: { width: 6000, height: 4000, channels: 3, background: { r: 90, g: 120, b: 160 } }
  })
    .jpeg({ quality: 80 })
    .toBuffer()
  await writeFile(join(huge.path, 'huge.jpg'), bytes)
})
afterAll(async () => huge.remove())

describe('the js kernel and the threads', () => {
  for (const strategy of ['workers', 'pool'] as const) {
    it(`${strategy}: a cancel stops the js kernel between rows of a 24-megapixel photo: the task ends cancelled before its last row, nothing is written`, async () => {
      const controller = new AbortController()
      const progress: { bytes: number; total: number | null }[] = []
      const summary = await runProcessing({
        inDir: huge.path,
        outDir: join(dir.path, 'out'),
        kernel: 'js',
        strategy,
        concurrency: 1,
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type !== 'task-progress') return
          progress.push({ bytes: event.bytes, total: event.total })
          // The kernel is computing its first rows: stop it there.
          controller.abort()
        }
      })
      expect(summary.tasks[0]?.status).toBe('cancelled')
      expect(summary.cancelled).toBe(1)
      const last = progress.at(-1)
      expect(last?.total).toBeGreaterThan(0)
      expect(last?.bytes).toBeLessThan(last?.total ?? 0)
      expect(await readdir(join(dir.path, 'out'))).toEqual([])
    })
  }

  it('workers: js tasks compute at the same time on different threads (lanes 0 and 1, each started before the other finished)', async () => {
    await writePhoto(dir.path, 'a.jpg', 3000, 2000, { index: 1 })
    await writePhoto(dir.path, 'b.jpg', 3000, 2000, { index: 2 })
    const pool = new WorkerPool({ preloadProcess: true })
    try {
      await pool.warmUp(2)
      const events: RunEvent[] = []
      const summary = await runProcessing({
        inDir: dir.path,
        kernel: 'js',
        strategy: 'workers',
        concurrency: 2,
        workerPool: pool,
        onEvent: (event) => events.push(event)
      })
      expect(summary.ok).toBe(2)
      expect(new Set(summary.tasks.map((task) => task.lane))).toEqual(new Set([0, 1]))
      const at = (type: RunEvent['type'], taskId: number): number =>
        events.findIndex(
          (event) => event.type === type && 'taskId' in event && event.taskId === taskId
        )
      const firstFinish = Math.min(at('task-finished', 0), at('task-finished', 1))
      expect(at('task-started', 0)).toBeLessThan(firstFinish)
      expect(at('task-started', 1)).toBeLessThan(firstFinish)
      // Both were computing rows before either finished: progress from both threads interleaves.
      const progressBefore = events
        .slice(0, firstFinish)
        .filter((event) => event.type === 'task-progress' && event.bytes > 0)
        .map((event) => ('taskId' in event ? event.taskId : -1))
      expect(new Set(progressBefore)).toEqual(new Set([0, 1]))
    } finally {
      await pool.close()
    }
  })
})
