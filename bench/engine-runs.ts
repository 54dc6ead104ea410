import { DEFAULT_DOWNLOAD_LIMITS } from '../src/common/defaults.ts'
import type { DownloadLimits, Strategy } from '../src/common/defaults.ts'
import type { DownloadTask } from '../src/common/tasks.ts'
import { assignFileNames } from '../src/engine/file-names.ts'
import { runDownloads } from '../src/engine/run.ts'
import { WorkerPoolExecutor } from '../src/engine/worker-pool-executor.ts'
import { LoopWatch } from './cdn/loop-delay.ts'
import type { BenchCdn } from './cdn/host.ts'
import type { TempDirs } from './temp-dirs.ts'
import { warmWithCode } from './warm-pool.ts'
import type { RunSample } from './types.ts'

export interface EngineDownload {
  strategy: Strategy
  concurrency: number
  urls: string[]
  limits?: Partial<DownloadLimits>
}

/**
 * One `runDownloads` in this process, timed from the call to its summary (a worker pool's
 * threads start inside that time, as in the app), with this thread's event loop delay and
 * what the server saw.
 */
export async function engineRun(
  cdn: BenchCdn,
  dirs: TempDirs,
  { strategy, concurrency, urls, limits }: EngineDownload
): Promise<RunSample> {
  const dir = await dirs.fresh(strategy)
  await cdn.report(true)
  const watch = new LoopWatch()
  const started = performance.now()
  const summary = await runDownloads({ strategy, concurrency, urls, dir, limits })
  const ms = performance.now() - started
  const client = watch.read()
  watch.stop()
  const server = await cdn.report(true)
  await dirs.remove(dir)
  return {
    ms,
    ok: summary.ok,
    total: urls.length,
    bytes: summary.bytes,
    clientLoopP99Ms: client.loopDelayP99Ms,
    clientLoopMaxMs: client.loopDelayMaxMs,
    clientCpuMs: client.cpuMs,
    server
  }
}

/**
 * A worker pool kept across runs, as the app could keep one: its threads started, their download
 * code loaded and run once (an uncounted first round) before the first measured run. What
 * workers cost once nothing about them is cold.
 */
export class KeptWorkerPool {
  private pool: WorkerPoolExecutor | undefined
  private readonly concurrency: number

  constructor(concurrency: number) {
    this.concurrency = concurrency
  }

  async run(cdn: BenchCdn, dirs: TempDirs, urls: string[]): Promise<RunSample> {
    if (!this.pool) {
      this.pool = new WorkerPoolExecutor({ concurrency: this.concurrency, preloadDownloads: true })
      await warmWithCode(this.pool)
      await poolRun(this.pool, cdn, dirs, urls)
    }
    return poolRun(this.pool, cdn, dirs, urls)
  }

  async close(): Promise<void> {
    await this.pool?.shutdown()
    this.pool = undefined
  }
}

/** The downloads submitted straight to a pool, timed from the first submit to the last result. */
async function poolRun(
  pool: WorkerPoolExecutor,
  cdn: BenchCdn,
  dirs: TempDirs,
  urls: string[]
): Promise<RunSample> {
  const dir = await dirs.fresh('workers-kept')
  const limits = DEFAULT_DOWNLOAD_LIMITS
  const names = assignFileNames(urls)
  await cdn.report(true)
  const watch = new LoopWatch()
  const started = performance.now()
  const futures = urls.map((url, index) => {
    const task: DownloadTask = {
      kind: 'download',
      url,
      dir,
      fileName: names[index] ?? `${index}.jpg`,
      limits
    }
    return pool.submit(task)
  })
  const outcomes = await Promise.allSettled(futures.map((future) => future.result()))
  const ms = performance.now() - started
  const client = watch.read()
  watch.stop()
  const server = await cdn.report(true)
  await dirs.remove(dir)
  let ok = 0
  let bytes = 0
  for (const outcome of outcomes) {
    if (outcome.status !== 'fulfilled') continue
    ok++
    bytes += outcome.value.bytes
  }
  return {
    ms,
    ok,
    total: urls.length,
    bytes,
    clientLoopP99Ms: client.loopDelayP99Ms,
    clientLoopMaxMs: client.loopDelayMaxMs,
    clientCpuMs: client.cpuMs,
    server
  }
}
