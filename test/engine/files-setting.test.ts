/**
 * The existing-files policy is a setting of the app: saved, kept by patches that do
 * not name it, and applied by the service's runs (real service, simulated CDN, real files).
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { DownloadRequest } from '../../src/common/schemas.ts'
import type { TaskFinishedEvent } from '../../src/common/events.ts'
import { partNameFor } from '../../src/engine/files/part-file.ts'
import { openHistoryStore } from '../../src/main/service/stores/history-store.ts'
import { cleanUpInterruptedRuns } from '../../src/main/service/stores/interrupted-runs.ts'
import { runRecord, tempDir } from '../main/helpers.ts'
import { disposeAll, openService } from '../main/service-helpers.ts'
import type { ServiceUnderTest } from '../main/service-helpers.ts'
import { filesIn } from '../helpers/temp-dir.ts'

const TWO_PHOTOS: DownloadRequest = {
  strategy: 'pool',
  concurrency: 2,
  source: {
    kind: 'simulated',
    simulated: { count: 2, sizeKB: 32, latencyMs: 0, bandwidthKBps: 0 }
  }
}

afterEach(disposeAll)

async function runOnce(t: ServiceUnderTest): Promise<TaskFinishedEvent[]> {
  const started = await t.service.startDownload(TWO_PHOTOS)
  if (!started.ok) throw new Error(started.error)
  const { runId } = started.value
  await t.finished(runId)
  return t
    .events()
    .filter((e): e is TaskFinishedEvent => e.type === 'task-finished' && e.runId === runId)
    .sort((a, b) => a.taskId - b.taskId)
}

describe('the existing-files setting', () => {
  it('is saved, survives other patches, and each run follows it', async () => {
    const t = await openService()
    expect((await t.service.getSettings()).existing).toBe('keep')

    const first = await runOnce(t)
    const photo = first[0]?.file ?? ''
    const served = await readFile(photo)
    // The user writes over the first photo: it is theirs now.
    await writeFile(photo, 'mine')

    // keep: the user's file stays, the image is saved beside it.
    const kept = await runOnce(t)
    expect(await readFile(photo, 'utf8')).toBe('mine')
    expect(basename(kept[0]?.file ?? '')).toBe(basename(photo).replace('.jpg', ' (2).jpg'))

    const saved = await t.service.saveSettings({ existing: 'replace' })
    expect(saved.ok && saved.value.existing).toBe('replace')
    expect((await t.service.saveSettings({ concurrency: 3 })).ok).toBe(true)
    expect((await t.service.getSettings()).existing).toBe('replace')
    expect((await t.service.saveSettings({ existing: 'overwrite' as never })).ok).toBe(false)

    // replace: with the app's own copy gone, the user's file at the name is replaced, as chosen.
    await rm(kept[0]?.file ?? '')
    const replaced = await runOnce(t)
    expect(replaced[0]?.file).toBe(photo)
    expect(replaced[0]?.message).toMatch(/replaced/)
    expect(await readFile(photo)).toEqual(served)
    expect(await filesIn(t.outputDir)).toHaveLength(2)
  })
})

describe('after a quit mid-run', () => {
  it('the app removes the .part files of the names the run planned, and no one else’s', async () => {
    const root = await tempDir()
    const dir = join(root, 'images')
    await mkdir(dir)
    const ours = partNameFor('a.jpg')
    await writeFile(join(dir, ours), 'partial')
    // Look-alikes that partNameFor does not make, and another name's part: all stay.
    const others = ['.a.jpg.not-hex-at-all.part', '.b.jpg.0123456789abcdef.part', 'a.jpg.bak']
    for (const name of others) await writeFile(join(dir, name), 'someone else’s')
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
          }
        ]
      })
    )
    expect(await cleanUpInterruptedRuns(history)).toBe(1)
    expect((await readdir(dir)).sort()).toEqual([...others].sort())
  })
})
