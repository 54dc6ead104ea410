import { basename } from 'node:path'
import type { ProcessKernel, Strategy } from '../src/common/defaults.ts'
import { runDownloads } from '../src/engine/run.ts'
import { runPipeline } from '../src/engine/run-pipeline.ts'
import { runProcessing } from '../src/engine/run-process.ts'
import type { WorkerPool } from '../src/engine/threads/worker-pool.ts'
import { LoopWatch } from './cdn/loop-delay.ts'
import type { BenchCdn } from './cdn/host.ts'
import { PeakWatch } from './peak-rss.ts'
import type { TempDirs } from './temp-dirs.ts'
import type { RunSample } from './types.ts'

/** How a processing run computes: the kernel, and the strategy and lanes it runs on. */
export interface ProcessStage {
  kernel: ProcessKernel
  strategy: Strategy
  concurrency: number
  /** Worker threads kept across runs, as the app and `compare --process` keep them. */
  workerPool?: WorkerPool
}

/** The loop, CPU and memory of this process (every thread of it) over one measured run. */
function watchRun(): { stop(): Partial<RunSample> } {
  const loop = new LoopWatch()
  const memory = new PeakWatch()
  return {
    stop() {
      const client = loop.read()
      loop.stop()
      const { peakRssMiB } = memory.stop()
      return {
        clientLoopP99Ms: client.loopDelayP99Ms,
        clientLoopMaxMs: client.loopDelayMaxMs,
        clientCpuMs: client.cpuMs,
        rssBeforeMiB: memory.rssBeforeMiB,
        peakRssMiB
      }
    }
  }
}

/** The folder of originals a processing run reads: how many images, and their bytes. */
export interface Originals {
  dir: string
  count: number
  bytes: number
}

/**
 * One `runProcessing` of the originals into a fresh folder, timed from the call to its summary.
 * Its bytes are the originals' (MiB/s is what it reads a second).
 */
export async function processRun(
  dirs: TempDirs,
  originals: Originals,
  stage: ProcessStage
): Promise<RunSample> {
  const outDir = await dirs.fresh(`processed-${stage.kernel}-${stage.strategy}`)
  const watch = watchRun()
  const started = performance.now()
  const summary = await runProcessing({ ...stage, inDir: originals.dir, outDir })
  const ms = performance.now() - started
  const measured = watch.stop()
  await dirs.remove(outDir)
  return { ms, ok: summary.ok, total: originals.count, bytes: originals.bytes, ...measured }
}

/**
 * The tutorials one after the other: download the list (`download`, as in S1), then process
 * what was saved, timed from the first call to the second's summary. `ok` counts images
 * processed.
 */
export async function thenProcessRun(
  cdn: BenchCdn,
  dirs: TempDirs,
  download: { strategy: Strategy; concurrency: number; urls: string[] },
  stage: ProcessStage
): Promise<RunSample> {
  const dir = await dirs.fresh(`then-${stage.kernel}`)
  await cdn.report(true)
  const watch = watchRun()
  const started = performance.now()
  const downloaded = await runDownloads({ ...download, dir, workerPool: stage.workerPool })
  const files = downloaded.tasks.flatMap((task) => (task.file ? [basename(task.file)] : []))
  const processed = await runProcessing({ ...stage, inDir: dir, files })
  const ms = performance.now() - started
  const measured = watch.stop()
  const server = await cdn.report(true)
  await dirs.remove(dir)
  return {
    ms,
    ok: processed.ok,
    total: download.urls.length,
    bytes: downloaded.bytes,
    ...measured,
    server
  }
}

/** The pipeline: each image processed as soon as it is saved (runPipeline). `ok` counts images processed. */
export async function pipelineRun(
  cdn: BenchCdn,
  dirs: TempDirs,
  download: { strategy: Strategy; concurrency: number; urls: string[] },
  stage: ProcessStage
): Promise<RunSample> {
  const dir = await dirs.fresh(`pipeline-${stage.kernel}`)
  await cdn.report(true)
  const watch = watchRun()
  const started = performance.now()
  const { workerPool, ...processing } = stage
  const summary = await runPipeline({
    ...download,
    dir,
    workerPool,
    process: processing
  })
  const ms = performance.now() - started
  const measured = watch.stop()
  const server = await cdn.report(true)
  await dirs.remove(dir)
  const n = download.urls.length
  const processed = summary.tasks.slice(n).filter((task) => task.status === 'done').length
  const bytes = summary.tasks.slice(0, n).reduce((sum, task) => sum + task.bytes, 0)
  return { ms, ok: processed, total: n, bytes, ...measured, server }
}
