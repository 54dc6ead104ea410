import { startBenchCdn } from '../cdn/host.ts'
import { KeptPool } from '../kept-pool.ts'
import { measure } from '../measure.ts'
import { fasterThan, find } from '../targets.ts'
import type { Contender, ScenarioResult } from '../types.ts'
import type { BenchContext } from './context.ts'
import { fastRuns, slowRuns } from './context.ts'
import {
  curlContender,
  engineContender,
  idealFor,
  keptWorkersContender,
  pythonContender,
  warmUpEngine
} from './contenders.ts'

export const MANY_SMALL = { sizeKB: 256, latencyMs: 50, bandwidthKBps: 0 }

/** Scenario 2: 500 photos of 256 KiB, 50 ms latency, no bandwidth limit, at 8, 16, 32 and 64. */
export async function manySmallScenario(context: BenchContext): Promise<ScenarioResult> {
  const started = performance.now()
  const { quick } = context.options
  const count = quick ? 64 : 500
  const levels = quick ? [8, 64] : [8, 16, 32, 64]
  const { sizeKB, latencyMs, bandwidthKBps } = MANY_SMALL
  const cdn = await startBenchCdn(
    { count, sizeKB, latencyMs, bandwidthKBps, prepareAll: true },
    context.options.cdn
  )
  const ideal = idealFor(count, latencyMs)
  const fast = { urls: cdn.urls, runs: fastRuns(context), ideal }
  const slow = { ...fast, runs: slowRuns(context) }
  const contenders: Contender[] = [
    engineContender(context, cdn, 'sequential', 1, slow),
    pythonContender(context, cdn, 'sequential', slow)
  ]
  for (const level of levels) {
    contenders.push(
      engineContender(context, cdn, 'pool', level, fast),
      engineContender(context, cdn, 'workers', level, slow),
      curlContender(context, cdn, level, fast),
      pythonContender(context, cdn, level, fast)
    )
  }
  // One pool kept across the levels, as the app keeps one while the user changes the
  // concurrency: the largest level comes first, so its uncounted first run starts every thread.
  const kept = new KeptPool(`workers ×${Math.max(...levels)}`, context.log)
  for (const level of [...levels].reverse()) {
    contenders.push(keptWorkersContender(context, cdn, kept, level, fast))
  }
  let rows
  try {
    await warmUpEngine(context, cdn, cdn.urls, Math.max(...levels))
    rows = await measure(contenders, context.log)
  } finally {
    await kept.close()
    await cdn.close()
  }
  return {
    id: 2,
    title: 'many small images',
    setup: [
      `${count} photos of ${sizeKB} KiB, ${latencyMs} ms latency, no bandwidth limit (loopback: the CPU is the limit), ` +
        `concurrency ${levels.join(', ')}; CDN in ${cdn.place === 'child' ? 'a child process' : 'this process'}.`,
      `Ideal: ${latencyMs} ms per round of N images (transfer counted as free): ceil(${count} / N) × ${latencyMs} ms.`,
      'One pool run of the list first, not counted, loads the download code and warms the JIT. ' +
        `Runs: ${fast.runs} of each concurrent contender; ${slow.runs} of each sequential one (${(ideal(1) / 1000).toFixed(0)} s ideal each) ` +
        'and of workers, whose threads each load the download code cold in every run (seconds at 32 and 64). ' +
        `"workers (kept pool)" runs on one WorkerPool kept across its runs and levels, as the app keeps one, after one uncounted run at ${Math.max(...levels)}.`
    ],
    rows,
    targets: levels.map((level) =>
      fasterThan(
        `pool throughput at least curl's at ${level}`,
        find(rows, 'pool', level),
        find(rows, 'curl --parallel', level),
        false
      )
    ),
    notes: [
      'Workers cold pay, in every run, N threads starting and each loading undici (about 30 MiB and 0.1 s of CPU a thread ' +
        "on 2 cores); on the kept pool they pay it once, in the app's first run."
    ],
    durationMs: performance.now() - started
  }
}
