import { SLEEP_MODES, STRATEGIES } from '../../src/common/defaults.ts'
import type { SleepMode, Strategy } from '../../src/common/defaults.ts'
import { KeptPool } from '../kept-pool.ts'
import { measure } from '../measure.ts'
import { fixed } from '../report.ts'
import { sleepRun, warmUpRun } from '../sleep-runs.ts'
import { find, unmeasured } from '../targets.ts'
import type { Contender, Row, ScenarioResult, Target } from '../types.ts'
import type { BenchContext } from './context.ts'
import { fastRuns, slowRuns } from './context.ts'

/**
 * What the lesson expects, ms: waiting overlaps in both pools; blocking only across threads;
 * computing only across cores.
 */
export function expectedSleepMs(
  strategy: Strategy,
  mode: SleepMode,
  count: number,
  seconds: number,
  cores: number
): number {
  const one = seconds * 1000
  if (strategy === 'sequential') return count * one
  if (strategy === 'pool') return mode === 'timer' ? one : count * one
  if (mode === 'spin') return (count * one) / Math.min(cores, count)
  return one
}

function overhead(row: Row | undefined): number | undefined {
  return row?.time && row.idealMs !== undefined ? row.time.median - row.idealMs : undefined
}

function withinMs(text: string, row: Row | undefined, limitMs: number): Target {
  const over = overhead(row)
  if (over === undefined) return unmeasured(text, row?.notRun ?? 'not run')
  return {
    text,
    status: over <= limitMs ? 'met' : 'missed',
    detail: `+${fixed(over, 1)} ms over ${fixed((row?.idealMs ?? 0) / 1000, 3)} s`
  }
}

/** Issue 12.3: ten blocking sleeps on ten cold threads at most the pool's ten timer sleeps + 900 ms. */
function coldBlockTarget(block: Row | undefined, poolTimer: Row | undefined): Target {
  const text = "workers (block) from cold at most the pool's timer sleeps + 900 ms"
  if (!block?.time || !poolTimer?.time) return unmeasured(text, block?.notRun ?? 'not run')
  const over = block.time.median - poolTimer.time.median
  return {
    text,
    status: over <= 900 ? 'met' : 'missed',
    detail: `${fixed(block.time.median / 1000, 3)} s against ${fixed(poolTimer.time.median / 1000, 3)} s: +${fixed(over, 0)} ms (medians)`
  }
}

/** Scenario 5: the tutorial's do_something, 10 × 1.5 s, per strategy and mode, and what threads cost to start. */
export async function sleepScenario(context: BenchContext): Promise<ScenarioResult> {
  const started = performance.now()
  const count = context.options.quick ? 4 : 10
  const seconds = context.options.quick ? 0.2 : 1.5
  const concurrency = count
  const cores = context.machine.cores
  // About one sleep: the full count; half the sleeps at once (spin on the cores): the slow count;
  // all ten one after another: once, as they vary least and take longest.
  const one = seconds * 1000
  const runsFor = (idealMs: number): number =>
    idealMs <= 2 * one ? fastRuns(context) : idealMs < count * one ? slowRuns(context) : 1
  const contenders: Contender[] = []
  for (const mode of SLEEP_MODES) {
    for (const strategy of STRATEGIES) {
      const idealMs = expectedSleepMs(strategy, mode, count, seconds, cores)
      contenders.push({
        who: `${strategy} ${mode}`,
        peer: false,
        concurrency: strategy === 'sequential' ? 1 : concurrency,
        idealMs,
        runs: runsFor(idealMs),
        run: () => sleepRun({ strategy, mode, concurrency, count, seconds })
      })
    }
  }
  // One WorkerPool kept across these runs, as the app keeps one; its first run is not counted.
  const kept = new KeptPool(`workers sleep ×${concurrency}`, context.log)
  for (const mode of ['timer', 'block'] as const) {
    contenders.push({
      who: `workers ${mode} (kept pool)`,
      peer: false,
      concurrency,
      idealMs: expectedSleepMs('workers', mode, count, seconds, cores),
      runs: fastRuns(context),
      run: () =>
        kept.run((workerPool) =>
          sleepRun({ strategy: 'workers', mode, concurrency, count, seconds, workerPool })
        )
    })
  }
  const warmUpWho = `warmUp(): ${concurrency} threads ready`
  contenders.push({
    who: warmUpWho,
    peer: false,
    concurrency,
    runs: fastRuns(context),
    run: () => warmUpRun(concurrency)
  })
  let rows
  try {
    rows = await measure(contenders, context.log)
  } finally {
    await kept.close()
  }

  const speedup = (mode: SleepMode): number | undefined => {
    const sequential = find(rows, `sequential ${mode}`)?.time?.median
    const workers = find(rows, `workers ${mode}`)?.time?.median
    return sequential && workers ? sequential / workers : undefined
  }
  const noOverlap = (mode: SleepMode): Target => {
    const row = find(rows, `pool ${mode}`)
    const text = `pool does not overlap ${mode} (the lesson)`
    if (!row?.time) return unmeasured(text, 'not run')
    const share = row.time.median / (count * seconds * 1000)
    return {
      text,
      status: share >= 0.95 ? 'met' : 'missed',
      detail: `${fixed(row.time.median / 1000, 2)} s, ${fixed(share * 100, 0)} % of ${count} × ${seconds} s one after another`
    }
  }
  const overlap = (mode: SleepMode, expected: number): Target => {
    const text = `workers overlap ${mode} ${mode === 'spin' ? 'up to the core count' : 'fully'} (the lesson)`
    const value = speedup(mode)
    if (value === undefined) return unmeasured(text, 'not run')
    return {
      text,
      status: value >= 0.8 * expected ? 'met' : 'missed',
      detail: `speed-up over sequential ×${fixed(value, 2)}, expected ×${fixed(expected, 1)}`
    }
  }
  const cold = overhead(find(rows, 'workers timer'))
  const keptTimer = overhead(find(rows, 'workers timer (kept pool)'))
  const keptBlock = overhead(find(rows, 'workers block (kept pool)'))
  return {
    id: 5,
    title: 'the sleep demo',
    setup: [
      `${count} × do_something(${seconds}) per strategy and mode, concurrency ${concurrency}, through runSleep (submit + as_completed).`,
      `Ideal: what the lesson expects: timer overlaps in both pools; block only across threads; spin across ${cores} cores ` +
        `(${count} × ${seconds} s / ${Math.min(cores, count)}); sequential ${count} × ${seconds} s.`,
      `Runs: ${fastRuns(context)} of each run of about ${seconds} s, ${slowRuns(context)} of workers spin, ` +
        `1 of the runs of ${count} × ${seconds} s one after another. ` +
        'The plain workers rows start their threads inside the run (cold, as a first run); the "(kept pool)" rows run on one ' +
        "WorkerPool kept across runs (runSleep with workerPool), as the app keeps one, after one uncounted run on it (the app's first). " +
        `"${warmUpWho}" times new WorkerPool().warmUp(${concurrency}): until each thread has loaded its code.`,
      "This process has called module.enableCompileCache(), as the CLI does: worker threads load the engine from Node's compile cache."
    ],
    rows,
    targets: [
      withinMs('pool (timer) within 20 ms of ideal', find(rows, 'pool timer'), 20),
      withinMs('workers (timer) within 100 ms from cold', find(rows, 'workers timer'), 100),
      coldBlockTarget(find(rows, 'workers block'), find(rows, 'pool timer')),
      noOverlap('block'),
      noOverlap('spin'),
      overlap('block', count),
      overlap('spin', Math.min(cores, count))
    ],
    notes: [
      `Starting ${concurrency} threads costs ${fixed(cold, 0)} ms cold (workers timer over ideal; see "first start ms"); ` +
        `warmUp(${concurrency}) on a new WorkerPool takes ${fixed(find(rows, warmUpWho)?.time?.median, 0)} ms.`,
      `Not a target: on the kept pool, as the app's runs after its first, workers timer is ${fixed(keptTimer, 1)} ms over ideal ` +
        `and workers block ${fixed(keptBlock, 1)} ms.`
    ],
    durationMs: performance.now() - started
  }
}
