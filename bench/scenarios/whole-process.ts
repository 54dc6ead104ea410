import { startBenchCdn } from '../cdn/host.ts'
import { measure } from '../measure.ts'
import {
  buildCli,
  minimalInProcessRun,
  rssAvailable,
  wholeProcessRun
} from '../peers/node-programs.ts'
import { find, ratioAtMost } from '../targets.ts'
import type { Contender, Row, ScenarioResult, Target } from '../types.ts'
import type { BenchContext } from './context.ts'
import { fastRuns } from './context.ts'
import { curlContender, engineContender, idealFor, warmUpEngine } from './contenders.ts'

interface Setup {
  name: string
  count: number
  sizeKB: number
  latencyMs: number
  bandwidthKBps: number
  lanes: number
}

/** Runs one setup's contenders on its own CDN; rows are named `<setup>: <who>`. */
async function runSetup(context: BenchContext, setup: Setup, built?: string): Promise<Row[]> {
  const { count, sizeKB, latencyMs, bandwidthKBps, lanes } = setup
  const cdn = await startBenchCdn(
    { count, sizeKB, latencyMs, bandwidthKBps, prepareAll: true },
    context.options.cdn
  )
  const perImageMs = latencyMs + (bandwidthKBps > 0 ? (sizeKB / bandwidthKBps) * 1000 : 0)
  const ideal = idealFor(count, perImageMs)
  const runs = fastRuns(context)
  const urls = cdn.urls
  const named = (contender: Contender): Contender => ({
    ...contender,
    who: `${setup.name}: ${contender.who}`
  })
  const whole = (
    who: string,
    kind: 'cli' | 'cli-source' | 'minimal',
    strategy?: 'pool' | 'workers'
  ): Contender => ({
    who,
    peer: kind === 'minimal',
    concurrency: lanes,
    idealMs: ideal(lanes),
    runs,
    notRun: kind === 'cli' ? built : undefined,
    run: async () => {
      const sample = await wholeProcessRun(cdn, context.dirs, kind, urls, lanes, strategy)
      if (sample.engineMs !== undefined)
        context.log(`    (the CLI's engine: ${(sample.engineMs / 1000).toFixed(3)} s)`)
      return sample
    }
  })
  const contenders = [
    whole('CLI pool (whole process)', 'cli', 'pool'),
    whole('CLI pool, from source (whole process)', 'cli-source', 'pool'),
    whole('minimal undici (whole process)', 'minimal'),
    curlContender(context, cdn, lanes, { urls, runs, ideal }),
    engineContender(context, cdn, 'pool', lanes, { urls, runs, ideal }),
    {
      who: 'minimal undici (in-process)',
      peer: true,
      concurrency: lanes,
      idealMs: ideal(lanes),
      runs,
      run: () => minimalInProcessRun(cdn, context.dirs, urls, lanes)
    },
    ...(setup.name === 'S1' ? [whole('CLI workers, cold (whole process)', 'cli', 'workers')] : [])
  ].map(named)
  try {
    await warmUpEngine(context, cdn, urls, lanes)
    await minimalInProcessRun(cdn, context.dirs, urls, lanes)
    return await measure(contenders, context.log)
  } finally {
    await cdn.close()
  }
}

/** Scenario 7: the CLI and the engine against a minimal undici downloader and curl. */
export async function wholeProcessScenario(context: BenchContext): Promise<ScenarioResult> {
  const started = performance.now()
  const built = await buildCli()
  const quick = context.options.quick
  const setups: Setup[] = [
    {
      name: 'S1',
      count: quick ? 4 : 15,
      sizeKB: 3584,
      latencyMs: 150,
      bandwidthKBps: 20480,
      lanes: quick ? 4 : 15
    },
    { name: 'S2', count: quick ? 40 : 200, sizeKB: 256, latencyMs: 50, bandwidthKBps: 0, lanes: 16 }
  ]
  const rows: Row[] = []
  for (const setup of setups) rows.push(...(await runSetup(context, setup, built)))
  const targets: Target[] = []
  for (const { name } of setups) {
    const row = (who: string): Row | undefined => find(rows, `${name}: ${who}`)
    targets.push(
      ratioAtMost(
        `${name}: CLI whole process at most 1.2 × the minimal downloader's`,
        row('CLI pool (whole process)'),
        row('minimal undici (whole process)'),
        1.2
      ),
      ratioAtMost(
        `${name}: the engine in-process at most 1.1 × the minimal downloader in-process`,
        row('pool'),
        row('minimal undici (in-process)'),
        1.1
      ),
      ratioAtMost(
        `${name}: (goal on many cores) CLI whole process against curl --parallel`,
        row('CLI pool (whole process)'),
        row('curl --parallel'),
        1.0
      ),
      ratioAtMost(
        `${name}: (for scale) the minimal downloader, whole process, against curl --parallel`,
        row('minimal undici (whole process)'),
        row('curl --parallel'),
        1.0
      )
    )
    if (name === 'S1') {
      const cold = row('CLI workers, cold (whole process)')
      const pool = row('CLI pool (whole process)')
      targets.push(
        ratioAtMost(
          'S1: cold workers at most 1.5 × the pool, time (whole process)',
          cold,
          pool,
          1.5
        ),
        ratioAtMost(
          'S1: cold workers at most 1.5 × the pool, peak RSS',
          cold,
          pool,
          1.5,
          (r) => r.peakRss?.min,
          (r) => r.peakRss?.median
        )
      )
    }
  }
  return {
    id: 7,
    title: 'whole process: the CLI, the engine, a minimal undici downloader, curl',
    setup: [
      'S1: 15 × 3.5 MiB, 150 ms, 20 MiB/s a connection, 15 lanes; S2: 200 × 256 KiB, 50 ms, no bandwidth limit, 16 lanes. ' +
        `CDN in ${context.options.cdn === 'child' ? 'a child process' : 'this process'}.`,
      "Whole process rows are spawn to exit: the CLI's bin (out/cli/index.js download --json, built first; " +
        '"from source" is node src/cli/index.ts, as npm run cli was before the bin), ' +
        'bench/peers/minimal-undici.mjs (request + pipeline, N lanes, ~30 lines) and curl --parallel --parallel-immediate. ' +
        "In-process rows are this process: the engine's runDownloads (pool) and minimalDownload, each warmed up once first.",
      `Runs: ${fastRuns(context)} of each, round-robin. Targets compare best of the runs (the machine is shared), medians beside. ` +
        `Peak RSS by GNU time${rssAvailable() ? '' : ' (not installed here: not measured)'}.`
    ],
    rows,
    targets,
    notes: [
      'On 2 cores the CDN shares the CPU with every client; curl spends about a third of the CPU a Node process does.',
      "The CLI's own engine time for each run is in the log (stderr) and in the JSON."
    ],
    durationMs: performance.now() - started
  }
}
