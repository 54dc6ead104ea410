import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CpuSampleEvent, RunEvent, TaskThumbnailEvent } from '../../src/common/events.ts'
import type { DownloadRequest } from '../../src/common/schemas.ts'
import { createHandlers } from '../../src/main/service/handlers.ts'
import { busyShares, createCpuSampler } from '../../src/main/service/processing/cpu-sampler.ts'
import { NOTHING_TO_PROCESS } from '../../src/main/service/processing/process-runs.ts'
import { ORIGINAL_PIXELS, pixelsOf } from '../helpers/photos.ts'
import { until } from './helpers.ts'
import { disposeAll, openService, type ServiceUnderTest } from './service-helpers.ts'

const FOUR_PHOTOS: DownloadRequest = {
  strategy: 'pool',
  concurrency: 4,
  source: {
    kind: 'simulated',
    simulated: { count: 4, sizeKB: 64, latencyMs: 10, bandwidthKBps: 0 }
  }
}

const PROCESS = {
  strategy: 'pool',
  concurrency: 2,
  kernel: 'sharp',
  blur: 3,
  maxSize: 200
} as const

afterEach(disposeAll)

const ofRun = (events: RunEvent[], runId: string): RunEvent[] =>
  events.filter((e) => e.runId === runId)

/** A finished download of `count` photos of an Unsplash original's pixels: real work to process. */
async function downloadOriginals(t: ServiceUnderTest, count: number): Promise<string> {
  const download = await t.service.startDownload({
    strategy: 'pool',
    concurrency: count,
    source: {
      kind: 'simulated',
      simulated: {
        count,
        sizeKB: 512,
        latencyMs: 0,
        bandwidthKBps: 0,
        photoPixels: ORIGINAL_PIXELS
      }
    }
  })
  if (!download.ok) throw new Error(download.error)
  await t.finished(download.value.runId)
  return download.value.runId
}

describe('app service: processing the images a download saved', () => {
  it('refuses before any download, and refuses a request that names a folder', async () => {
    const t = await openService()
    expect(await t.service.startProcess({ ...PROCESS })).toEqual({
      ok: false,
      error: NOTHING_TO_PROCESS
    })
    // The page never names where to read or write: a request that does is refused whole.
    const handlers = createHandlers(t.service)
    const named = await handlers.startProcess({ ...PROCESS, dir: '/etc' })
    expect(named).toMatchObject({ ok: false })
    expect(!named.ok && named.error).toMatch(/dir/)
    const escaped = await handlers.startProcess({ ...PROCESS, from: '../../..', inDir: '/' })
    expect(escaped).toMatchObject({ ok: false })
  })

  it('writes processed/ in the download’s folder, with before and after previews', async () => {
    const t = await openService()
    const download = await t.service.startDownload(FOUR_PHOTOS)
    if (!download.ok) throw new Error(download.error)
    await t.finished(download.value.runId)
    await until(() => t.events().some((e) => e.type === 'previews-progress' && e.done === 4))

    const started = await t.service.startProcess({ ...PROCESS, from: download.value.runId })
    if (!started.ok) throw new Error(started.error)
    const { runId } = started.value
    expect(await t.finished(runId)).toMatchObject({ ok: 4, failed: 0, cancelled: 0 })
    await until(
      () => ofRun(t.events(), runId).filter((e) => e.type === 'task-thumbnail').length === 8
    )

    // The results: the download's names, in its folder's processed/, no larger than asked.
    const originals = (await readdir(t.outputDir)).filter((n) => n.endsWith('.jpg')).sort()
    const processed = (await readdir(join(t.outputDir, 'processed')))
      .filter((n) => n.endsWith('.jpg'))
      .sort()
    expect(processed).toEqual(originals)
    for (const name of processed) {
      const [width, height] = await pixelsOf(join(t.outputDir, 'processed', name))
      expect(Math.max(width, height)).toBeLessThanOrEqual(200)
    }

    // Before: the download's own previews, reused; after: a preview of each processed file.
    const thumbs = ofRun(t.events(), runId).filter(
      (e): e is TaskThumbnailEvent => e.type === 'task-thumbnail'
    )
    const inputs = thumbs.filter((e) => e.of === 'input')
    const outputs = thumbs.filter((e) => e.of === undefined)
    expect(inputs).toHaveLength(4)
    expect(outputs).toHaveLength(4)
    for (const thumb of inputs) expect(thumb.url).toContain(`/thumbnails/${download.value.runId}/`)
    for (const thumb of outputs) expect(thumb.url).toContain(`/thumbnails/${runId}/`)

    // The history keeps the run with its kernel, as processing of the download's source.
    const record = (await t.service.getHistory()).find((r) => r.runId === runId)
    const source = (await t.service.getHistory()).find((r) => r.runId === download.value.runId)
    expect(record).toMatchObject({ kind: 'process', kernel: 'sharp', blur: 3, maxSize: 200 })
    expect(record?.inputKey).toBe(source?.sourceKey)
  })
})

describe('app service: real-size photos offline', () => {
  it('serves photos of an Unsplash original’s pixels, which processing fits in 1200 px', async () => {
    const t = await openService()
    await downloadOriginals(t, 2)
    const saved = (await readdir(t.outputDir)).filter((n) => n.endsWith('.jpg'))
    expect(saved).toHaveLength(2)
    for (const name of saved) expect(await pixelsOf(join(t.outputDir, name))).toEqual([2400, 1600])
    const [record] = await t.service.getHistory()
    expect(record?.sourceLabel).toContain('2400 × 1600 px')

    const started = await t.service.startProcess({ ...PROCESS, maxSize: 1200 })
    if (!started.ok) throw new Error(started.error)
    expect(await t.finished(started.value.runId)).toMatchObject({ ok: 2 })
    for (const name of saved) {
      expect(await pixelsOf(join(t.outputDir, 'processed', name))).toEqual([1200, 800])
    }
  })
})

describe('app service: cancelling a processing run', () => {
  it('stops it: the images not done are cancelled, and the run can start again', async () => {
    const t = await openService()
    await downloadOriginals(t, 4)

    // js, one image at a time: a cancel at the first image's start leaves the others unstarted.
    const started = await t.service.startProcess({
      ...PROCESS,
      strategy: 'sequential',
      kernel: 'js',
      blur: 15,
      maxSize: 1200
    })
    if (!started.ok) throw new Error(started.error)
    const { runId } = started.value
    await until(() => ofRun(t.events(), runId).some((e) => e.type === 'task-started'))
    expect(await t.service.cancelRun()).toBe(true)
    const end = await t.finished(runId)
    expect(end).toMatchObject({ type: 'run-finished' })
    if (end.type !== 'run-finished') return
    expect(end.cancelled).toBeGreaterThanOrEqual(3)
    expect(end.ok + end.cancelled).toBe(4)
    const again = await t.service.startProcess({ ...PROCESS })
    expect(again.ok).toBe(true)
    if (again.ok) await t.finished(again.value.runId)
  })
})

describe('app service: download and process (the pipeline)', () => {
  it('runs both stages as one run, with a preview of each saved and each processed image', async () => {
    const t = await openService()
    const started = await t.service.startPipeline({
      download: FOUR_PHOTOS,
      process: { ...PROCESS, strategy: 'workers', kernel: 'js' }
    })
    if (!started.ok) throw new Error(started.error)
    const { runId } = started.value
    expect(await t.finished(runId)).toMatchObject({ ok: 8, failed: 0, cancelled: 0 })
    await until(
      () => ofRun(t.events(), runId).filter((e) => e.type === 'task-thumbnail').length === 8
    )
    const runStarted = ofRun(t.events(), runId).find((e) => e.type === 'run-started')
    expect(runStarted?.type === 'run-started' && runStarted.tasks.map((i) => i.stage)).toEqual([
      ...Array(4).fill('download'),
      ...Array(4).fill('process')
    ])
    const processed = (await readdir(join(t.outputDir, 'processed'))).filter((n) =>
      n.endsWith('.jpg')
    )
    expect(processed).toHaveLength(4)

    // Keyed so that the window finds "download, then process" of the same source beside it.
    const plain = await t.service.startDownload(FOUR_PHOTOS)
    if (!plain.ok) throw new Error(plain.error)
    await t.finished(plain.value.runId)
    const history = await t.service.getHistory()
    const pipeline = history.find((r) => r.runId === runId)
    const download = history.find((r) => r.runId === plain.value.runId)
    expect(pipeline).toMatchObject({ kind: 'pipeline', kernel: 'js', count: 8 })
    expect(pipeline?.inputKey).toBe(download?.sourceKey)
    expect(pipeline?.sourceLabel).toBe(download?.sourceLabel)

    // Processing the pipeline's images again is processing of the same source's images.
    const again = await t.service.startProcess({ ...PROCESS, from: runId })
    if (!again.ok) throw new Error(again.error)
    await t.finished(again.value.runId)
    const record = (await t.service.getHistory()).find((r) => r.runId === again.value.runId)
    expect(record).toMatchObject({ kind: 'process', count: 4 })
    expect(record?.inputKey).toBe(download?.sourceKey)
  })
})

describe('CPU gauge', () => {
  it('reads each core’s busy share from the deltas of its times', () => {
    const at = (user: number, idle: number) => ({
      times: { user, nice: 0, sys: 0, idle, irq: 0 }
    })
    expect(busyShares([at(100, 100), at(100, 100)], [at(200, 100), at(100, 200)])).toEqual([1, 0])
    expect(busyShares([at(0, 0)], [at(30, 70)])[0]).toBeCloseTo(0.3)
  })

  it('samples only between start and stop', async () => {
    let reads = 0
    const sampler = createCpuSampler({
      intervalMs: 5,
      read: () => {
        reads++
        return [{ times: { user: reads * 10, nice: 0, sys: 0, idle: reads * 10, irq: 0 } }]
      }
    })
    const samples: number[][] = []
    const stop = sampler.start((cores) => samples.push(cores))
    await until(() => samples.length >= 2)
    stop()
    const after = reads
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(reads).toBe(after)
    expect(samples[0]).toEqual([0.5])
  })

  it('sends cpu-sample events while a run goes, one share per core', async () => {
    const real = createCpuSampler({ intervalMs: 10 })
    const sampling: boolean[] = []
    const t = await openService({
      cpuSampler: {
        start(onSample) {
          sampling.push(true)
          const stop = real.start(onSample)
          return () => {
            sampling.push(false)
            stop()
          }
        }
      }
    })
    const started = await t.service.startDownload({
      ...FOUR_PHOTOS,
      source: {
        kind: 'simulated',
        simulated: { count: 4, sizeKB: 64, latencyMs: 300, bandwidthKBps: 0 }
      }
    })
    if (!started.ok) throw new Error(started.error)
    await t.finished(started.value.runId)
    const samples = t.events().filter((e): e is CpuSampleEvent => e.type === 'cpu-sample')
    expect(samples.length).toBeGreaterThan(0)
    for (const sample of samples) {
      expect(sample.cores.length).toBeGreaterThan(0)
      for (const share of sample.cores) expect(share).toBeGreaterThanOrEqual(0)
    }
    // Sampled only while the run went: started with it, stopped before its end was sent.
    expect(sampling).toEqual([true, false])
  })
})
