import { startBenchCdn } from '../cdn/host.ts'
import { measure } from '../measure.ts'
import { fixed } from '../report.ts'
import { find, unmeasured } from '../targets.ts'
import type { Row, ScenarioResult, Target } from '../types.ts'
import type { BenchContext } from './context.ts'
import { fastRuns } from './context.ts'
import { HEAP_OPTIONS } from '../../src/common/heap-options.ts'
import { buildCli } from '../peers/node-programs.ts'
import { binMemoryContender, curlContender, idealFor } from './contenders.ts'

const CONCURRENCY = 64
const LATENCY_MS = 50
/** Issue 12.7: the pool's peak for 10 000 images, and how much more than for 1 000 it may be. */
const PEAK_MIB = 200
const GROWTH = 0.1

function imagesPerSecondPerConnection(row: Row | undefined): number | undefined {
  if (!row?.time || row.samples.length === 0) return undefined
  const total = row.samples[0]?.total ?? 0
  return total / (row.time.median / 1000) / row.concurrency
}

/** Scenario 4: 10 000 photos of 16 KiB at concurrency 64: throughput, and memory that must not grow with the list. */
export async function longListScenario(context: BenchContext): Promise<ScenarioResult> {
  const started = performance.now()
  // The bin as `npm run build:cli` makes it from the sources as they are now.
  const notRun = await buildCli()
  const count = context.options.quick ? 1000 : 10_000
  const shortCount = count / 10
  const cdn = await startBenchCdn(
    { count, sizeKB: 16, latencyMs: LATENCY_MS, bandwidthKBps: 0, prepareAll: true },
    context.options.cdn
  )
  const runs = fastRuns(context, 3)
  const full = { urls: cdn.urls, runs, ideal: idealFor(count, LATENCY_MS) }
  const short = {
    urls: cdn.urls.slice(0, shortCount),
    runs,
    ideal: idealFor(shortCount, LATENCY_MS)
  }
  // 64 worker threads each load the download code in every run (cold: a fresh process), dominated
  // by that start-up (before the compile cache: a minute of CPU on 2 cores and 2 GiB); one run shows it.
  const workerRuns = 1
  const contenders = [
    binMemoryContender(context, cdn, 'pool', CONCURRENCY, full, { notRun }),
    binMemoryContender(
      context,
      cdn,
      'workers',
      CONCURRENCY,
      { ...full, runs: workerRuns },
      { notRun }
    ),
    curlContender(context, cdn, CONCURRENCY, full),
    binMemoryContender(context, cdn, 'pool', CONCURRENCY, short, {
      who: `pool, first ${shortCount}`,
      notRun
    }),
    binMemoryContender(
      context,
      cdn,
      'workers',
      CONCURRENCY,
      { ...short, runs: workerRuns },
      { who: `workers, first ${shortCount}`, notRun }
    )
  ]
  let rows
  try {
    rows = await measure(contenders, context.log)
  } finally {
    await cdn.close()
  }

  const targets: Target[] = []
  for (const who of ['pool', 'workers']) {
    const row = find(rows, who)
    const shortRow = find(rows, `${who}, first ${shortCount}`)
    const text = `${who}: peak RSS at most ${PEAK_MIB} MiB, and at most ${GROWTH * 100} % more than for the first ${shortCount}`
    if (!row?.peakRss) targets.push(unmeasured(text, row?.notRun ?? 'not run'))
    else {
      const shortPeak = shortRow?.peakRss?.min
      const growth = shortPeak ? row.peakRss.min / shortPeak - 1 : undefined
      targets.push({
        text,
        status:
          row.peakRss.min <= PEAK_MIB && growth !== undefined && growth <= GROWTH
            ? 'met'
            : 'missed',
        detail:
          `best of runs: peak ${fixed(row.peakRss.min, 0)} MiB for ${count} (median ${fixed(row.peakRss.median, 0)}); ` +
          `${fixed(shortPeak, 0)} MiB for the first ${shortCount}: ${growth === undefined ? '-' : `+${fixed(growth * 100, 0)} %`}`
      })
    }
  }
  const reference = find(context.done.get(2)?.rows ?? [], 'pool', CONCURRENCY)
  const referenceRate = imagesPerSecondPerConnection(reference)
  for (const who of ['pool', 'workers']) {
    const text = `${who}: throughput per connection within 20 % of scenario 2's pool at ${CONCURRENCY}`
    const rate = imagesPerSecondPerConnection(find(rows, who))
    if (rate === undefined) targets.push(unmeasured(text, 'not run'))
    else if (referenceRate === undefined)
      targets.push(unmeasured(text, 'scenario 2 was not run in this benchmark'))
    else {
      targets.push({
        text,
        status: rate >= 0.8 * referenceRate ? 'met' : 'missed',
        detail: `${fixed(rate, 2)} images/s per connection vs ${fixed(referenceRate, 2)} in scenario 2 (×${fixed(rate / referenceRate, 3)})`
      })
    }
  }
  return {
    id: 4,
    title: 'a long list',
    setup: [
      `${count} photos of 16 KiB, ${LATENCY_MS} ms latency, no bandwidth limit, concurrency ${CONCURRENCY}; ` +
        `CDN in ${cdn.place === 'child' ? 'a child process' : 'this process'}, every photo prepared before the runs (${fixed(cdn.prepareMs / 1000, 1)} s).`,
      `Ideal: ceil(${count} / ${CONCURRENCY}) × ${LATENCY_MS} ms. Each run is the CLI's bin (out/cli/index.js, built first) as a user starts it: ` +
        `executed, its shebang giving Node ${HEAP_OPTIONS.join(' ')} (src/common/heap-options.ts), downloading a URL list file;`,
      `time is the engine's (its --json elapsedMs); peak RSS is the whole process's (the kernel's VmHWM for its own address space, read at exit by a bench-only preload), ` +
        `"RSS before" Node's own at start, before the CLI's code.`,
      `The first ${shortCount} of the list, the same way, show whether memory grows with the list. ` +
        `Runs: ${runs} of each, ${workerRuns} of workers.`
    ],
    rows,
    targets,
    notes: [],
    durationMs: performance.now() - started
  }
}
