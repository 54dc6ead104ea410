import { startBenchCdn } from '../cdn/host.ts'
import { KeptPool } from '../kept-pool.ts'
import { measure } from '../measure.ts'
import { fasterThan, find, withinOfIdeal } from '../targets.ts'
import type { ScenarioResult } from '../types.ts'
import type { BenchContext } from './context.ts'
import { fastRuns } from './context.ts'
import {
  curlContender,
  engineContender,
  idealFor,
  pythonContender,
  keptWorkersContender,
  warmUpEngine
} from './contenders.ts'

/** Scenario 1: the tutorial's 15 photos of 3.5 MiB, 150 ms latency, 20 MiB/s per connection. */
export async function tutorialScenario(context: BenchContext): Promise<ScenarioResult> {
  const started = performance.now()
  const count = context.options.quick ? 4 : 15
  const concurrency = count
  const sizeKB = 3584
  const latencyMs = 150
  const bandwidthKBps = 20480
  const perImageMs = latencyMs + (sizeKB / bandwidthKBps) * 1000
  const cdn = await startBenchCdn(
    { count, sizeKB, latencyMs, bandwidthKBps, prepareAll: true },
    context.options.cdn
  )
  const common = { urls: cdn.urls, runs: fastRuns(context), ideal: idealFor(count, perImageMs) }
  const kept = new KeptPool(`workers ×${concurrency}`, context.log)
  const contenders = [
    engineContender(context, cdn, 'sequential', 1, common),
    engineContender(context, cdn, 'pool', concurrency, common),
    engineContender(context, cdn, 'workers', concurrency, common),
    keptWorkersContender(context, cdn, kept, concurrency, common),
    curlContender(context, cdn, 1, common),
    curlContender(context, cdn, concurrency, common),
    curlContender(context, cdn, concurrency, common, false),
    pythonContender(context, cdn, 'sequential', common),
    pythonContender(context, cdn, concurrency, common),
    pythonContender(context, cdn, 'default', common)
  ]
  let rows
  try {
    await warmUpEngine(context, cdn, cdn.urls, concurrency)
    rows = await measure(contenders, context.log)
  } finally {
    await kept.close()
    await cdn.close()
  }
  const pool = find(rows, 'pool')
  const workers = find(rows, 'workers')
  const tutorialPython = find(rows, 'python ThreadPoolExecutor()')
  return {
    id: 1,
    title: 'the tutorial',
    setup: [
      `${count} photos of ${sizeKB} KiB, ${latencyMs} ms latency, ${bandwidthKBps / 1024} MiB/s per connection, ` +
        `concurrency ${concurrency}; CDN in ${cdn.place === 'child' ? 'a child process' : 'this process'}.`,
      `Ideal: ${perImageMs} ms per image (latency + size / bandwidth); ${count} × that one after another.`,
      'One pool run of the list first, not counted, loads the download code and warms the JIT. ' +
        `Runs: ${common.runs} of each, round-robin. "workers" starts its threads inside the timed run, as a first run does (cold); ` +
        `"workers (kept pool)" is runDownloads on one WorkerPool kept across its runs, as the app keeps one, after one uncounted ` +
        "run on it (the app's first, which starts the threads and loads their code).",
      "This process has called module.enableCompileCache(), as the CLI does: worker threads load the engine from Node's compile cache."
    ],
    rows,
    targets: [
      withinOfIdeal('pool within 5 % of ideal', pool, 0.05),
      withinOfIdeal(
        'workers (kept pool, as the app after its first run) within 5 % of ideal',
        find(rows, 'workers (kept pool)'),
        0.05
      ),
      withinOfIdeal('workers from cold (a first run) within 5 % of ideal', workers, 0.05),
      withinOfIdeal('sequential within 5 % of its ideal', find(rows, 'sequential'), 0.05),
      fasterThan(
        'pool at least as fast as curl',
        pool,
        find(rows, 'curl --parallel', concurrency),
        false
      ),
      fasterThan("pool faster than the tutorial's threaded Python", pool, tutorialPython, true)
    ],
    notes: [
      `curl's time is its process's, spawn to exit (curl --version alone takes ${context.curl.startMs?.toFixed(0) ?? '?'} ms here); ` +
        "Python's is the one the script prints, which leaves out the interpreter's start, as the engine's leaves out Node's.",
      'curl --parallel is run with --parallel-immediate (as in every scenario); without it curl waits for the first response ' +
        'to see whether it can multiplex before opening the other connections.',
      `python ThreadPoolExecutor() is the tutorial's call: min(32, cpus + 4) = ${context.python.defaultWorkers ?? '?'} workers here.`
    ],
    durationMs: performance.now() - started
  }
}
