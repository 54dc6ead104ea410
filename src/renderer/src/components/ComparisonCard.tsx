import { useMemo } from 'react'
import type { RunRecord } from '../../../common/api.ts'
import { STRATEGIES, STRATEGY_LABELS } from '../../../common/defaults.ts'
import { useNow } from '../hooks/use-now.ts'
import { formatRate, formatSeconds, formatSpeedup } from '../state/format.ts'
import { runName } from '../state/run-name.ts'
import { elapsedOf, type RunView } from '../state/run-state.ts'
import { comparisonBars, idealOf, runStats, slowestTaskMs, throughput } from '../state/stats.ts'
import { StatGrid, type Stat } from './StatGrid.tsx'
import { StrategyChart } from './StrategyChart.tsx'

interface Props {
  run: RunView | null
  history: readonly RunRecord[]
}

/** What the last download run bought: its numbers, its speedup, and how the strategies compare. */
export function ComparisonCard({ run, history }: Props) {
  const ofKind = history
    .filter((r) => r.kind === 'download')
    .sort((a, b) => b.startedAt - a.startedAt)
  const record = run ? ofKind.find((r) => r.runId === run.runId) : ofKind[0]
  // While a run goes, the chart keeps showing the runs before it.
  const reference = record ?? ofKind[0]
  // The chart is costly to draw: keep its data while only the live run changes.
  const bars = useMemo(
    () => (reference === undefined ? [] : comparisonBars(history, reference)),
    [history, reference]
  )
  const missing = STRATEGIES.filter((s) => !bars.some((b) => b.key === s))
  const ideal = bars.find((b) => b.key === 'ideal')

  return (
    <section className="card" aria-labelledby="comparison-title">
      <h2 id="comparison-title">Timing</h2>
      {run && run.finished === null ? (
        <LiveStats run={run} />
      ) : record ? (
        <RecordStats record={record} history={history} />
      ) : run ? (
        <LiveStats run={run} />
      ) : (
        <p className="empty">
          Each run’s time, images per second and speedup over sequential show here. Run the same
          source with each strategy to compare them.
        </p>
      )}
      {bars.length > 0 && (
        <>
          <h3 className="subhead">
            Latest run of each strategy <span className="muted">· {reference?.sourceLabel}</span>
          </h3>
          <StrategyChart bars={bars} />
          {ideal && reference && (
            <p className="hint" title={idealOf(reference)?.formula}>
              Ideal of the last{ideal.runId === record?.runId ? '' : ' finished'} run,{' '}
              {runName(ideal)}:{' '}
              {ideal.idealKind === 'exact'
                ? 'exact for the simulated CDN, ⌈images ÷ lanes⌉ × (latency + size ÷ bandwidth).'
                : 'a lower bound, max(slowest image, sum of image times ÷ lanes).'}
            </p>
          )}
          {missing.length > 0 && (
            <p className="hint">
              Not yet run on this source: {missing.map((s) => STRATEGY_LABELS[s].name).join(', ')}.
            </p>
          )}
        </>
      )}
    </section>
  )
}

function LiveStats({ run }: { run: RunView }) {
  const now = useNow(run.finished === null, 250)
  const elapsed = elapsedOf(run, now)
  const rate = throughput(elapsed, run.ok, run.bytes)
  const slowest = slowestTaskMs(run.tasks)
  const stats: Stat[] = [
    // While the run goes, its clock is the run card's: a second one here, ticking apart, disagreed.
    ...(run.finished ? [{ label: 'Elapsed', value: formatSeconds(run.finished.elapsedMs) }] : []),
    { label: 'Images / s', value: formatRate(rate.imagesPerSec, '') },
    { label: 'MB / s', value: formatRate(rate.mbPerSec, '') },
    {
      label: 'Slowest image',
      value: slowest === null ? '–' : formatSeconds(slowest),
      note: 'so far'
    }
  ]
  return <StatGrid stats={stats} label="This run so far" />
}

function RecordStats({ record, history }: { record: RunRecord; history: readonly RunRecord[] }) {
  const stats = runStats(history, record)
  const sequential = history.find((r) => r.runId === stats.sequentialRunId)
  const items: Stat[] = [
    { label: 'Elapsed', value: formatSeconds(stats.elapsedMs) },
    {
      label: 'Images / s',
      value: formatRate(stats.imagesPerSec, '')
    },
    { label: 'MB / s', value: formatRate(stats.mbPerSec, '') },
    stats.speedup === null
      ? {
          label: 'Speedup',
          value: '–',
          note:
            record.strategy === 'sequential'
              ? 'An incomplete run is no baseline'
              : 'Run Sequential on this source for a baseline'
        }
      : {
          label: 'Speedup',
          value: formatSpeedup(stats.speedup),
          note:
            record.strategy === 'sequential' && record.runId === stats.sequentialRunId
              ? 'this is the baseline'
              : `vs sequential, ${formatSeconds(sequential?.elapsedMs ?? 0)}`,
          tone: stats.speedup > 1.2 ? 'good' : 'plain'
        },
    stats.ideal === null
      ? { label: 'Ideal', value: '–', note: 'An incomplete run has none' }
      : {
          label: 'Ideal',
          value: formatSeconds(stats.ideal.ms),
          note: stats.ideal.kind === 'exact' ? 'exact for this CDN' : 'lower bound',
          title: stats.ideal.formula
        }
  ]
  return (
    <>
      <p className="stat-caption">
        Last run: {runName(record)} · {record.sourceLabel} · {record.ok} of {record.count} saved
      </p>
      <StatGrid stats={items} label="Last run" />
    </>
  )
}
