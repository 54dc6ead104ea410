import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { RunEvent } from '../../src/common/events.ts'
import { WorkerPool } from '../../src/engine/threads/worker-pool.ts'
import { createAppService } from '../../src/main/service/app-service.ts'
import type { AppService } from '../../src/main/service/app-service.ts'
import type { Thumbnailer } from '../../src/main/service/thumbnails/thumbnails.ts'
import { measure } from '../measure.ts'
import { find, ratioAtMost } from '../targets.ts'
import type { Contender, RunSample, ScenarioResult } from '../types.ts'
import type { BenchContext } from './context.ts'
import { fastRuns } from './context.ts'

/** A thumbnailer that makes none: the row without thumbnails. */
const noThumbnails: Thumbnailer = {
  dir: '',
  make: async () => ({ ok: false, skipped: true, message: 'No thumbnail: off', ms: 0 }),
  settled: async () => undefined,
  skipQueued: () => undefined,
  prune: async () => undefined
}

interface Service {
  service: AppService
  finished(runId: string): Promise<Extract<RunEvent, { type: 'run-finished' }>>
  previewsDone(runId: string): Promise<void>
}

/** The app's service as the Electron main process makes it, in this process, in a temp folder. */
async function openService(root: string, thumbnails: boolean): Promise<Service> {
  await mkdir(root, { recursive: true })
  const service = await createAppService({
    userDataDir: join(root, 'user-data'),
    cacheDir: join(root, 'cache'),
    defaultOutputDir: join(root, 'images'),
    appVersion: 'bench',
    thumbnailUrl: (relPath) => `thumb://t/${relPath}`,
    shell: { openPath: async () => '', showItemInFolder: () => undefined },
    dialog: { chooseFolder: async () => null },
    // Its own pool: no worker warm-up in the background of a pool run.
    workerPool: new WorkerPool(),
    ...(thumbnails ? {} : { thumbnailer: noThumbnails }),
    log: () => undefined
  })
  const waiting = new Map<string, (event: RunEvent) => void>()
  service.onRunEvents((batch) => {
    for (const event of batch) waiting.get(`${event.type}/${event.runId}`)?.(event)
  })
  const next = <T>(type: string, runId: string): Promise<T> =>
    new Promise((resolve) => waiting.set(`${type}/${runId}`, (event) => resolve(event as T)))
  return {
    service,
    finished: (runId) => next('run-finished', runId),
    previewsDone: async (runId) => {
      for (;;) {
        const event = await next<{ done: number; total: number }>('previews-progress', runId)
        if (event.done >= event.total) return
      }
    }
  }
}

/** Scenario 8: a run through the app's service with thumbnails on and off. */
export async function thumbnailsScenario(context: BenchContext): Promise<ScenarioResult> {
  const started = performance.now()
  const count = context.options.quick ? 100 : 500
  const simulated = { count, sizeKB: 64, latencyMs: 100, bandwidthKBps: 0 }
  const concurrency = 32
  const runs = fastRuns(context)
  const services = {
    on: await openService(join(context.dirs.root, 'service-thumbnails-on'), true),
    off: await openService(join(context.dirs.root, 'service-thumbnails-off'), false)
  }
  const run = async (which: 'on' | 'off'): Promise<RunSample> => {
    const { service, finished, previewsDone } = services[which]
    const begun = performance.now()
    const result = await service.startDownload({
      strategy: 'pool',
      concurrency,
      source: { kind: 'simulated', simulated }
    })
    if (!result.ok) throw new Error(result.error)
    const previews = which === 'on' ? previewsDone(result.value.runId) : Promise.resolve()
    const end = await finished(result.value.runId)
    const ms = performance.now() - begun
    const previewsMs = (await previews, performance.now() - begun)
    if (which === 'on')
      context.log(`    (previews all made ${(previewsMs / 1000).toFixed(3)} s after the click)`)
    return { ms, ok: end.ok, total: count, bytes: end.bytes }
  }
  const ideal = Math.ceil(count / concurrency) * simulated.latencyMs
  const contender = (who: string, which: 'on' | 'off'): Contender => ({
    who,
    peer: false,
    concurrency,
    idealMs: ideal,
    runs,
    run: () => run(which)
  })
  let rows
  try {
    // One uncounted run of each: the CDN makes its photos, the JIT warms.
    await run('off')
    await run('on')
    rows = await measure(
      [
        contender('app service, thumbnails off', 'off'),
        contender('app service, thumbnails on', 'on')
      ],
      context.log
    )
  } finally {
    await services.on.service.dispose()
    await services.off.service.dispose()
  }
  return {
    id: 8,
    title: 'thumbnails through the app service',
    setup: [
      `${count} × 64 KB, 100 ms latency, no bandwidth limit, pool × ${concurrency}, through createAppService (the Electron ` +
        "main process's service, in this process, with its simulated CDN in this process as in the app).",
      'Timed from startDownload to the run-finished event (the service batches events every 50 ms). "thumbnails off" ' +
        'is the same service given a thumbnailer that makes none. Each run waits for the previews of the run before.',
      `Runs: ${runs} of each, round-robin, after one uncounted run of each. Target: best of runs against best.`
    ],
    rows,
    targets: [
      ratioAtMost(
        'thumbnails on at most 1.15 × off',
        find(rows, 'app service, thumbnails on'),
        find(rows, 'app service, thumbnails off'),
        1.15
      )
    ],
    notes: ["When the previews were all made, after each run's click, is in the log (stderr)."],
    durationMs: performance.now() - started
  }
}
