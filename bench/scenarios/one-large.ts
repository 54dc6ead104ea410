import { STRATEGIES } from '../../src/common/defaults.ts'
import { startBenchCdn } from '../cdn/host.ts'
import { measure } from '../measure.ts'
import { fixed } from '../report.ts'
import type { ScenarioResult, Target } from '../types.ts'
import type { BenchContext } from './context.ts'
import { fastRuns } from './context.ts'
import { memoryContender } from './contenders.ts'

const GiB = 1024 ** 3

/** Scenario 3: one 1 GiB photo, no latency or bandwidth limit: how much memory the run adds. */
export async function oneLargeScenario(context: BenchContext): Promise<ScenarioResult> {
  const started = performance.now()
  const bytes = context.options.quick ? GiB / 8 : GiB
  const cdn = await startBenchCdn(
    { count: 1, sizeKB: 16, latencyMs: 0, bandwidthKBps: 0, prepareAll: true },
    context.options.cdn
  )
  const common = {
    urls: [cdn.photoUrl(0, bytes)],
    runs: fastRuns(context, 3),
    ideal: () => undefined
  }
  const contenders = STRATEGIES.map((strategy) =>
    memoryContender(context, cdn, strategy, 1, common, { maxBytes: 2 * bytes })
  )
  let rows
  try {
    rows = await measure(contenders, context.log)
  } finally {
    await cdn.close()
  }
  const targets: Target[] = rows.map((row) => {
    const text = `${row.who}: peak memory grows by under 100 MiB`
    if (!row.rssGrowth) return { text, status: 'not measured', detail: row.notRun ?? 'not run' }
    return {
      text,
      status: row.rssGrowth.max < 100 ? 'met' : 'missed',
      detail: `+${fixed(row.rssGrowth.median, 1)} MiB median, +${fixed(row.rssGrowth.max, 1)} MiB at most (peak ${fixed(row.peakRss?.max, 0)} MiB)`
    }
  })
  return {
    id: 3,
    title: 'one very large image',
    setup: [
      `One photo of ${fixed(bytes / GiB, 3)} GiB, no latency, no bandwidth limit; the engine's size cap raised to ${fixed((2 * bytes) / GiB, 2)} GiB.`,
      "Each run in a fresh Node process (the CLI's heap options and compile cache, as the CLI has them): engine loaded, garbage collected, the kernel's peak (VmHWM) reset, then the run;",
      `growth = peak resident set during the run − resident set before it. Runs: ${common.runs} of each.`
    ],
    rows,
    targets,
    notes: [],
    durationMs: performance.now() - started
  }
}
