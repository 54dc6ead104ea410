import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { runDownloads, runSleep } from '../../src/engine/run.ts'
import { startSimulatedCdn, type SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { openHistoryStore } from '../../src/main/service/stores/history-store.ts'
import { createRunController } from '../../src/main/service/runs/run-controller.ts'
import {
  createThumbnailer,
  type Thumbnailer
} from '../../src/main/service/thumbnails/thumbnails.ts'
import { tempDir, until } from './helpers.ts'

let cdn: SimulatedCdn | undefined
afterEach(async () => {
  await cdn?.close()
  cdn = undefined
})

/** A real thumbnailer whose previews wait until `open()`: the run's end cannot depend on them. */
function heldThumbnailer(inner: Thumbnailer): Thumbnailer & { open(): void } {
  let open!: () => void
  const gate = new Promise<void>((resolve) => (open = resolve))
  const held: Promise<unknown>[] = []
  return {
    ...inner,
    make(runId, taskId, source) {
      const job = gate.then(() => inner.make(runId, taskId, source))
      held.push(job)
      return job
    },
    settled: async (runId) => {
      await Promise.allSettled(held)
      await inner.settled(runId)
    },
    open
  }
}

describe('run controller: the run ends with its last image', () => {
  it('emits run-finished and records the run before its previews, which follow with their progress', async () => {
    const root = await tempDir()
    cdn = await startSimulatedCdn({ count: 4, sizeKB: 32, latencyMs: 5, bandwidthKBps: 0 })
    const history = await openHistoryStore({ userDataDir: join(root, 'user-data') })
    const thumbnailer = heldThumbnailer(createThumbnailer({ dir: join(root, 'thumbs') }))
    const events: RunEvent[] = []
    const controller = createRunController({
      engine: { runDownloads, runSleep },
      history,
      thumbnailer,
      thumbnailUrl: (rel) => `thumb://${rel}`,
      emit: (event) => events.push(event),
      log: () => undefined
    })
    const base = { strategy: 'pool' as const, concurrency: 4, sourceLabel: 'cdn', sourceKey: 'k' }
    controller.start({
      kind: 'download',
      runId: 'a',
      urls: cdn.urls,
      dir: join(root, 'out'),
      ...base
    })
    await until(() => events.some((e) => e.type === 'run-finished'))

    // Ended, with no preview made yet: the run is in the history and a new one may start.
    expect(events.filter((e) => e.type === 'task-thumbnail')).toHaveLength(0)
    expect(events.at(-1)).toMatchObject({ type: 'previews-progress', done: 0, total: 4 })
    expect(history.list().find((r) => r.runId === 'a')).toMatchObject({ ok: 4, interrupted: false })
    expect(controller.activeRunId).toBeUndefined()
    expect(controller.progress()).toBeNull()

    thumbnailer.open()
    await controller.idle()
    const after = events.slice(events.findIndex((e) => e.type === 'run-finished') + 1)
    expect(after.filter((e) => e.type === 'task-thumbnail')).toHaveLength(4)
    expect(after.at(-1)).toMatchObject({ type: 'previews-progress', done: 4, total: 4 })
  })
})
