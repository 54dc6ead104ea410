import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { KEPT_PARTS_FILE } from '../../src/main/service/runs/kept-parts.ts'
import { cleanUpInterruptedRuns } from '../../src/main/service/stores/interrupted-runs.ts'
import { openHistoryStore } from '../../src/main/service/stores/history-store.ts'
import { runRecord, tempDir, until } from './helpers.ts'
import { disposeAll, openService, SIX_SMALL_PHOTOS } from './service-helpers.ts'

afterEach(disposeAll)

describe('app service: history across restarts', () => {
  it('shows a run the app quit in the middle of as interrupted, and removes its .part files', async () => {
    const t = await openService()
    const slow = {
      ...SIX_SMALL_PHOTOS,
      concurrency: 1,
      source: {
        kind: 'simulated' as const,
        simulated: { count: 3, sizeKB: 512, latencyMs: 50, bandwidthKBps: 128 }
      }
    }
    const started = await t.service.startDownload(slow)
    if (!started.ok) throw new Error(started.error)
    await until(() => t.events().some((e) => e.type === 'task-progress'))
    // The running run is not in the history the window sees.
    expect(await t.service.getHistory()).toEqual([])
    // A second instance reads the files as they are after a crash here.
    const afterCrash = await t.reopen()
    const [record] = await afterCrash.getHistory()
    expect(record).toMatchObject({ runId: started.value.runId, interrupted: true, count: 3 })
    expect(record!.tasks.every((task) => task.file === undefined)).toBe(true)
    await t.service.cancelRun()
  })

  it('records a run cut short by quitting the app as interrupted, with no .part left but those kept for Resume', async () => {
    const t = await openService()
    const started = await t.service.startDownload({
      ...SIX_SMALL_PHOTOS,
      concurrency: 2,
      source: {
        kind: 'simulated',
        simulated: { count: 4, sizeKB: 512, latencyMs: 20, bandwidthKBps: 256 }
      }
    })
    if (!started.ok) throw new Error(started.error)
    await until(() => t.events().some((e) => e.type === 'task-progress'))
    await t.service.dispose()
    const [record] = await (await t.reopen()).getHistory()
    expect(record).toMatchObject({ runId: started.value.runId, interrupted: true })
    expect(record!.cancelled).toBeGreaterThan(0)
    // The parts that can be resumed are kept, listed with their run (runs/kept-parts.ts).
    const kept = JSON.parse(await readFile(join(t.userDataDir, KEPT_PARTS_FILE), 'utf8')) as {
      runs: { runId: string; tasks: { part?: { name: string } }[] }[]
    }
    const listed = kept.runs
      .filter((run) => run.runId === started.value.runId)
      .flatMap((run) => run.tasks.flatMap((task) => task.part?.name ?? []))
    const parts = (await readdir(t.outputDir)).filter((f) => f.endsWith('.part'))
    expect(parts.sort()).toEqual(listed.sort())
  })

  it('removes only the .part files an interrupted run planned', async () => {
    const root = await tempDir()
    const dir = join(root, 'images')
    await mkdir(dir)
    await writeFile(join(dir, 'a.jpg.part'), 'partial')
    await writeFile(join(dir, 'b.jpg'), 'whole')
    await writeFile(join(dir, 'someone-elses.zip.part'), 'another program’s download')
    const history = await openHistoryStore({ userDataDir: root })
    await history.put(
      runRecord('crashed', {
        interrupted: true,
        dir,
        tasks: [
          {
            taskId: 0,
            label: 'u/a',
            status: 'queued',
            file: join(dir, 'a.jpg'),
            bytes: 0,
            startMs: null,
            endMs: null,
            lane: null
          },
          {
            taskId: 1,
            label: 'u/b',
            status: 'queued',
            file: join(dir, 'b.jpg'),
            bytes: 0,
            startMs: null,
            endMs: null,
            lane: null
          }
        ]
      })
    )
    expect(await cleanUpInterruptedRuns(history)).toBe(1)
    expect((await readdir(dir)).sort()).toEqual(['b.jpg', 'someone-elses.zip.part'])
    expect(history.list()[0]!.interrupted).toBe(true)
    expect(await cleanUpInterruptedRuns(history)).toBe(0)
  })

  it('clears the history and the thumbnails with it', async () => {
    const t = await openService()
    const started = await t.service.startDownload(SIX_SMALL_PHOTOS)
    if (!started.ok) throw new Error(started.error)
    await t.finished(started.value.runId)
    await t.service.clearHistory()
    expect(await t.service.getHistory()).toEqual([])
    expect(await readdir(join(t.cacheDir, 'thumbnails'))).toEqual([])
    await t.service.dispose()
    expect(await (await t.reopen()).getHistory()).toEqual([])
  })
})
