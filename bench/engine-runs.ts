import type { DownloadLimits, Strategy } from '../src/common/defaults.ts'
import { runDownloads } from '../src/engine/run.ts'
import type { WorkerPool } from '../src/engine/threads/worker-pool.ts'
import { LoopWatch } from './cdn/loop-delay.ts'
import type { BenchCdn } from './cdn/host.ts'
import type { TempDirs } from './temp-dirs.ts'
import type { RunSample } from './types.ts'

export interface EngineDownload {
  strategy: Strategy
  concurrency: number
  urls: string[]
  limits?: Partial<DownloadLimits>
  /** Worker threads kept across runs (strategy `workers`), as the app keeps them; see KeptPool. */
  workerPool?: WorkerPool
}

/**
 * One `runDownloads` in this process, timed from the call to its summary (without `workerPool`,
 * a workers run's threads start inside that time, as in a first run), with this thread's event
 * loop delay and what the server saw.
 */
export async function engineRun(
  cdn: BenchCdn,
  dirs: TempDirs,
  { strategy, concurrency, urls, limits, workerPool }: EngineDownload
): Promise<RunSample> {
  const dir = await dirs.fresh(workerPool ? `${strategy}-kept` : strategy)
  await cdn.report(true)
  const watch = new LoopWatch()
  const started = performance.now()
  const summary = await runDownloads({ strategy, concurrency, urls, dir, limits, workerPool })
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
