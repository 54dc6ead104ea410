import { WorkerPool } from '../../src/engine/threads/worker-pool.ts'
import { measure } from '../measure.ts'
import { bareThreadsReadyMs, buildCli, CLI_WORKER, startUpRun } from '../peers/node-programs.ts'
import { find, ratioAtMost } from '../targets.ts'
import type { Contender, RunSample, ScenarioResult } from '../types.ts'
import type { BenchContext } from './context.ts'
import { fastRuns } from './context.ts'

const noImages = (ms: number): RunSample => ({ ms, ok: 0, total: 0, bytes: 0 })

/** A download pool's threads, started at once, each having loaded the download code. */
async function downloadThreadsReadyMs(count: number, workerEntry?: string): Promise<number> {
  const pool = new WorkerPool({ workerEntry, preloadDownloads: true })
  const started = performance.now()
  try {
    await pool.warmUp(count)
    return performance.now() - started
  } finally {
    await pool.close()
  }
}

/** Scenario 6: what a process and a thread cost before the first image. */
export async function startUpScenario(context: BenchContext): Promise<ScenarioResult> {
  const started = performance.now()
  const built = await buildCli()
  const runs = Math.max(fastRuns(context), context.options.quick ? 3 : 7)
  const threads = context.options.quick ? 4 : 15
  const process = (who: string, what: Parameters<typeof startUpRun>[0], peer: boolean) =>
    ({
      who,
      peer,
      concurrency: 1,
      runs,
      notRun: what === 'bin' ? built : undefined,
      run: () => startUpRun(what)
    }) satisfies Contender
  const thread = (
    who: string,
    count: number,
    run: () => Promise<number>,
    notRun?: string
  ): Contender => ({
    who,
    peer: who.startsWith('bare worker'),
    concurrency: count,
    runs,
    notRun,
    run: async () => noImages(await run())
  })
  const contenders: Contender[] = [
    process('node -e 0', 'node -e 0', true),
    process('CLI --help (bin, out/cli)', 'bin', false),
    process('CLI --help (from source)', 'source', false)
  ]
  for (const count of [1, threads]) {
    contenders.push(
      thread('bare worker', count, () => bareThreadsReadyMs(count)),
      thread('bare worker (CommonJS)', count, () => bareThreadsReadyMs(count, 'cjs')),
      thread(
        'download thread (CLI build)',
        count,
        () => downloadThreadsReadyMs(count, CLI_WORKER),
        built
      ),
      thread('download thread (from source)', count, () => downloadThreadsReadyMs(count))
    )
  }
  const rows = await measure(contenders, context.log)
  const help = find(rows, 'CLI --help (bin, out/cli)')
  const againstCommonJs = (count: number): string =>
    ratioAtMost(
      '',
      find(rows, 'download thread (CLI build)', count),
      find(rows, 'bare worker (CommonJS)', count),
      1.3
    ).detail
  return {
    id: 6,
    title: 'start-up: the CLI and a download thread',
    setup: [
      `Whole processes, spawn to exit: node -e 0, and the CLI's --help from its bin (out/cli/index.js, built by this ` +
        'benchmark first with `npm run build:cli`) and from source (node src/cli/index.ts, type-stripped).',
      `Threads: ${threads} (and 1) started at once until each is ready: a bare worker posts "ready" at once (an ES ` +
        "module, bench/peers/bare-worker.mjs, and CommonJS, bare-worker.cjs); a download thread is the engine's " +
        "WorkerPool with preloadDownloads, ready once the download code (undici) is loaded: from the CLI's build " +
        "(out/cli/worker.cjs, CommonJS) and from source. All with Node's compile cache, filled by the runs before.",
      `Runs: ${runs} of each, round-robin. Targets compare best of the runs (the machine is shared: the fastest run is the ` +
        'least disturbed); medians beside them.'
    ],
    rows,
    targets: [
      ratioAtMost('CLI --help at most 2.5 × node -e 0', help, find(rows, 'node -e 0'), 2.5),
      ratioAtMost(
        'a download thread ready within 1.3 × a bare worker (1 thread)',
        find(rows, 'download thread (CLI build)', 1),
        find(rows, 'bare worker', 1),
        1.3
      ),
      ratioAtMost(
        `a download thread ready within 1.3 × a bare worker (${threads} at once)`,
        find(rows, 'download thread (CLI build)', threads),
        find(rows, 'bare worker', threads),
        1.3
      )
    ],
    notes: [
      'The targets are against the bare worker as an ES module, as the issue set them. The download thread is ' +
        'CommonJS, which alone starts faster than an ES module (no ESM loader). Against the bare CommonJS worker, ' +
        `what is left is our code's own cost. 1 thread: ${againstCommonJs(1)}. ${threads} at once: ` +
        `${againstCommonJs(threads)}.`,
      "The app's worker thread is electron-vite's bundle of the same worker.ts with the same part of undici, as " +
        "CommonJS too (electron.vite.config.ts), so it starts as the CLI build's does; the row from source loads the whole of " +
        "undici from node_modules, type-stripped, as the app's threads did before undici was bundled."
    ],
    durationMs: performance.now() - started
  }
}
