import type { RunRecord } from '../../../common/api.ts'
import { STRATEGIES, STRATEGY_LABELS, type Strategy } from '../../../common/defaults.ts'
import type { RunKind, TaskStatus } from '../../../common/events.ts'
import { formatSeconds } from './format.ts'
import { strings } from '../strings/index.ts'
import { runName } from './run-name.ts'

const MB = 1024 * 1024

export interface Throughput {
  imagesPerSec: number
  mbPerSec: number
}

/** Images (the ones saved) and megabytes per second of wall time. */
export function throughput(elapsedMs: number, ok: number, bytes: number): Throughput {
  if (elapsedMs <= 0) return { imagesPerSec: 0, mbPerSec: 0 }
  const seconds = elapsedMs / 1000
  return { imagesPerSec: ok / seconds, mbPerSec: bytes / MB / seconds }
}

interface TimedTask {
  status: TaskStatus
  startMs: number | null
  endMs: number | null
}

/** The longest single task that succeeded: no run of these tasks can beat it. */
export function slowestTaskMs(tasks: readonly TimedTask[]): number | null {
  let slowest: number | null = null
  for (const task of tasks) {
    if (task.status !== 'done' || task.startMs === null || task.endMs === null) continue
    const ms = task.endMs - task.startMs
    if (slowest === null || ms > slowest) slowest = ms
  }
  return slowest
}

/** A run that saved everything it was asked for: the only kind worth comparing against. */
export function isComplete(run: RunRecord): boolean {
  return !run.interrupted && run.failed === 0 && run.cancelled === 0 && run.ok > 0
}

function newestFirst(history: readonly RunRecord[]): RunRecord[] {
  return history.slice().sort((a, b) => b.startedAt - a.startedAt)
}

/** The latest complete sequential run of the same list and source (and kernel, for processing). */
export function lastSequentialRun(
  history: readonly RunRecord[],
  run: Pick<RunRecord, 'kind' | 'sourceKey' | 'kernel'>
): RunRecord | undefined {
  return newestFirst(history).find(
    (r) =>
      r.kind === run.kind &&
      r.sourceKey === run.sourceKey &&
      r.kernel === run.kernel &&
      r.strategy === 'sequential' &&
      isComplete(r)
  )
}

/** How many times faster than the last sequential run of the same source; null without one. */
export function speedupOverSequential(
  history: readonly RunRecord[],
  run: Pick<RunRecord, 'kind' | 'sourceKey' | 'kernel' | 'elapsedMs'>
): number | null {
  const sequential = lastSequentialRun(history, run)
  if (!sequential || run.elapsedMs <= 0) return null
  return sequential.elapsedMs / run.elapsedMs
}

export interface RunStats extends Throughput {
  elapsedMs: number
  speedup: number | null
  /** The run it was compared with. */
  sequentialRunId: string | null
  /** What the run's lanes could reach at best (idealOf). */
  ideal: Ideal | null
}

/**
 * The best time a run's lanes could reach. On the simulated CDN it is exact,
 * from the source's own numbers; elsewhere it is a lower bound from the run's
 * image times, so only a complete run has one.
 */
export interface Ideal {
  ms: number
  kind: 'exact' | 'bound'
  /** The formula with the run's numbers, for a tooltip. */
  formula: string
}

/** Lanes a run could use at once: 1 for sequential, else its concurrency up to one per task. */
export function laneCount(run: Pick<RunRecord, 'strategy' | 'concurrency' | 'count'>): number {
  if (run.strategy === 'sequential') return 1
  return Math.max(1, Math.min(run.concurrency, run.count))
}

const ms = (value: number): string => formatSeconds(value)

export function idealOf(run: RunRecord): Ideal | null {
  const lanes = laneCount(run)
  const sim = run.kind === 'download' ? run.simulated : undefined
  if (sim) {
    const transfer = sim.bandwidthKBps > 0 ? (sim.sizeKB / sim.bandwidthKBps) * 1000 : 0
    const perImage = sim.latencyMs + transfer
    const rounds = Math.ceil(sim.count / lanes)
    const each =
      sim.bandwidthKBps > 0
        ? `(${sim.latencyMs} ms + ${sim.sizeKB} KB ÷ ${sim.bandwidthKBps} KB/s)`
        : `${sim.latencyMs} ms`
    const times = lanes === 1 ? `${sim.count}` : `⌈${sim.count} ÷ ${lanes}⌉`
    return {
      ms: rounds * perImage,
      kind: 'exact',
      formula: `${times} × ${each} = ${rounds} × ${ms(perImage)} = ${ms(rounds * perImage)}`
    }
  }
  if (!isComplete(run)) return null
  const slowest = slowestTaskMs(run.tasks)
  if (slowest === null) return null
  let sum = 0
  for (const task of run.tasks) {
    if (task.status === 'done' && task.startMs !== null && task.endMs !== null)
      sum += task.endMs - task.startMs
  }
  const spread = sum / lanes
  return {
    ms: Math.max(slowest, spread),
    kind: 'bound',
    formula: strings.download.ideal.bound(ms(slowest), ms(sum), lanes, ms(spread))
  }
}

/** The ideal's time alone (idealOf). */
export function idealMs(run: RunRecord): number | null {
  return idealOf(run)?.ms ?? null
}

export function runStats(history: readonly RunRecord[], run: RunRecord): RunStats {
  const sequential = lastSequentialRun(history, run)
  return {
    elapsedMs: run.elapsedMs,
    ...throughput(run.elapsedMs, run.ok, run.bytes),
    speedup: speedupOverSequential(history, run),
    sequentialRunId: sequential?.runId ?? null,
    ideal: idealOf(run)
  }
}

/** The newest run of each strategy for one source, complete runs only. */
export function latestByStrategy(
  history: readonly RunRecord[],
  kind: RunKind,
  sourceKey: string
): Partial<Record<Strategy, RunRecord>> {
  const latest: Partial<Record<Strategy, RunRecord>> = {}
  for (const run of newestFirst(history)) {
    if (run.kind !== kind || run.sourceKey !== sourceKey || !isComplete(run)) continue
    latest[run.strategy] ??= run
  }
  return latest
}

export interface ComparisonBar {
  key: Strategy | 'ideal'
  name: string
  /** For the ideal: exact (the simulated CDN's own numbers) or a lower bound. */
  idealKind?: Ideal['kind']
  seconds: number
  /** The run the bar is of; for the ideal, the run whose slowest image it is. */
  runId: string
  strategy: Strategy
  concurrency: number
}

/**
 * The bars of the comparison chart: the latest complete run of each strategy
 * on the source of `shown` (the run the timing card shows), and the ideal of
 * `shown` (idealOf): the best its lanes could reach. The stat of the same name
 * is read the same way (runStats), so that the two never disagree.
 */
export function comparisonBars(history: readonly RunRecord[], shown: RunRecord): ComparisonBar[] {
  const latest = latestByStrategy(history, shown.kind, shown.sourceKey)
  const bars: ComparisonBar[] = []
  for (const strategy of STRATEGIES) {
    const run = latest[strategy]
    if (!run) continue
    bars.push({
      key: strategy,
      name: STRATEGY_LABELS[strategy].name,
      seconds: run.elapsedMs / 1000,
      runId: run.runId,
      strategy,
      concurrency: run.concurrency
    })
  }
  const ideal = idealOf(shown)
  if (bars.length > 0 && ideal !== null) {
    bars.push({
      key: 'ideal',
      name: strings.download.ideal.name,
      idealKind: ideal.kind,
      seconds: ideal.ms / 1000,
      runId: shown.runId,
      strategy: shown.strategy,
      concurrency: shown.concurrency
    })
  }
  return bars
}

export interface ChartRow extends ComparisonBar {
  /** On the chart's axis: short, and one of a kind (it is the category). */
  label: string
  /** The ideal's second line on the axis: which kind, and whose run. */
  sub: string | null
  /** In the tooltip and the axis label's title: the full name. */
  full: string
}

/** The chart's rows: short axis labels (`Pool (p-limit) × 3`), the full names for tooltips. */
export function chartRows(bars: readonly ComparisonBar[]): ChartRow[] {
  return bars.map((bar) =>
    bar.key === 'ideal'
      ? {
          ...bar,
          label: strings.download.ideal.name,
          sub: strings.download.ideal.sub(bar.idealKind === 'exact', runName(bar, { short: true })),
          full: strings.download.ideal.full(idealWord(bar.idealKind), runName(bar))
        }
      : { ...bar, label: runName(bar, { short: true }), sub: null, full: runName(bar) }
  )
}

/** `exact` on the simulated CDN, else `a lower bound`. */
export function idealWord(kind: Ideal['kind'] | undefined): string {
  return kind === 'exact' ? strings.download.ideal.exact : strings.download.ideal.aLowerBound
}
