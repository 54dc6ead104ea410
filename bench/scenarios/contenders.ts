import type { Strategy } from '../../src/common/defaults.ts'
import type { BenchCdn } from '../cdn/host.ts'
import { engineRun } from '../engine-runs.ts'
import type { KeptPool } from '../kept-pool.ts'
import { binMemoryRun, memoryRun } from '../memory-run.ts'
import { curlRun } from '../peers/curl.ts'
import { pythonRun } from '../peers/python.ts'
import type { Contender } from '../types.ts'
import type { BenchContext } from './context.ts'

interface Common {
  urls: string[]
  runs: number
  /** The ideal for this contender's concurrency. */
  ideal: (concurrency: number) => number | undefined
}

export function engineContender(
  context: BenchContext,
  cdn: BenchCdn,
  strategy: Strategy,
  concurrency: number,
  { urls, runs, ideal }: Common
): Contender {
  const lanes = strategy === 'sequential' ? 1 : concurrency
  return {
    who: strategy,
    peer: false,
    concurrency: lanes,
    idealMs: ideal(lanes),
    runs,
    run: () => engineRun(cdn, context.dirs, { strategy, concurrency: lanes, urls })
  }
}

/**
 * Workers on the engine's WorkerPool kept across runs, as the app keeps one: each run is
 * `runDownloads({ strategy: 'workers', workerPool })`, after the pool's uncounted first run
 * (see KeptPool). Close `kept` when done.
 */
export function keptWorkersContender(
  context: BenchContext,
  cdn: BenchCdn,
  kept: KeptPool,
  concurrency: number,
  { urls, runs, ideal }: Common
): Contender {
  return {
    who: 'workers (kept pool)',
    peer: false,
    concurrency,
    idealMs: ideal(concurrency),
    runs,
    run: () =>
      kept.run((workerPool) =>
        engineRun(cdn, context.dirs, { strategy: 'workers', concurrency, urls, workerPool })
      )
  }
}

/** A strategy's row at its lanes (1 for sequential) whose runs measure a process's peak memory. */
function peakContender(
  strategy: Strategy,
  concurrency: number,
  { runs, ideal }: Common,
  options: { who?: string; notRun?: string },
  run: (lanes: number) => Contender['run']
): Contender {
  const lanes = strategy === 'sequential' ? 1 : concurrency
  return {
    who: options.who ?? strategy,
    peer: false,
    concurrency: lanes,
    idealMs: ideal(lanes),
    runs,
    notRun: options.notRun,
    run: run(lanes)
  }
}

/** The engine in a child process that reports its peak memory. */
export function memoryContender(
  context: BenchContext,
  cdn: BenchCdn,
  strategy: Strategy,
  concurrency: number,
  common: Common,
  options: { who?: string; maxBytes?: number } = {}
): Contender {
  return peakContender(
    strategy,
    concurrency,
    common,
    options,
    (lanes) => () =>
      memoryRun(cdn, context.dirs, {
        strategy,
        concurrency: lanes,
        urls: common.urls,
        maxBytes: options.maxBytes ?? 100 * 1024 * 1024
      })
  )
}

/**
 * The CLI's bin as a user starts it (its shebang's heap options), downloading the list from a
 * file, with its peak memory read by a preload it does not know of. `notRun` when the build failed.
 */
export function binMemoryContender(
  context: BenchContext,
  cdn: BenchCdn,
  strategy: Strategy,
  concurrency: number,
  common: Common,
  options: { who?: string; notRun?: string } = {}
): Contender {
  return peakContender(
    strategy,
    concurrency,
    common,
    options,
    (lanes) => () =>
      binMemoryRun(cdn, context.dirs, { strategy, concurrency: lanes, urls: common.urls })
  )
}

export function curlContender(
  context: BenchContext,
  cdn: BenchCdn,
  parallel: number,
  { urls, runs, ideal }: Common,
  immediate = true
): Contender {
  const who =
    parallel === 1
      ? 'curl (one by one)'
      : immediate
        ? 'curl --parallel'
        : 'curl --parallel, not -immediate'
  return {
    who,
    peer: true,
    concurrency: parallel,
    idealMs: ideal(parallel),
    runs,
    notRun: context.curl.notRun,
    run: () => curlRun(cdn, context.dirs, urls, parallel, immediate)
  }
}

export function pythonContender(
  context: BenchContext,
  cdn: BenchCdn,
  workers: 'sequential' | 'default' | number,
  { urls, runs, ideal }: Common
): Contender {
  const concurrency =
    workers === 'sequential'
      ? 1
      : workers === 'default'
        ? (context.python.defaultWorkers ?? 1)
        : workers
  const who =
    workers === 'sequential'
      ? 'python sequential'
      : workers === 'default'
        ? 'python ThreadPoolExecutor()'
        : 'python threads'
  return {
    who,
    peer: true,
    concurrency,
    idealMs: ideal(concurrency),
    runs,
    notRun: context.python.notRun,
    run: () => pythonRun(context.python, cdn, context.dirs, urls, workers)
  }
}

/** Each image's latency plus its transfer, overlapped as far as the concurrency goes. */
export function idealFor(count: number, perImageMs: number): (concurrency: number) => number {
  return (concurrency) => Math.ceil(count / Math.max(1, concurrency)) * perImageMs
}

/**
 * One pool run of the list, not measured: it loads the download code (undici, on first use) and
 * warms the JIT, so that no contender's first run pays for what the process does once.
 */
export async function warmUpEngine(
  context: BenchContext,
  cdn: BenchCdn,
  urls: string[],
  concurrency: number
): Promise<void> {
  const sample = await engineRun(cdn, context.dirs, { strategy: 'pool', concurrency, urls })
  context.log(`  warm-up (not counted): pool ×${concurrency} ${(sample.ms / 1000).toFixed(3)} s`)
}
