import { useMemo } from 'react'
import type { RunRecord } from '../../../common/api.ts'
import { STRATEGIES, STRATEGY_LABELS } from '../../../common/defaults.ts'
import { useNow } from '../hooks/use-now.ts'
import { formatRate, formatSeconds, formatSpeedup } from '../state/format.ts'
import { runName } from '../state/run-name.ts'
import { elapsedOf, type RunView } from '../state/run-state.ts'
import { comparisonBars, idealOf, runStats, slowestTaskMs, throughput } from '../state/stats.ts'
import { strings } from '../strings/index.ts'
import { StatGrid, type Stat } from './StatGrid.tsx'

const s = strings.download.timing
const st = strings.download.stats
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
  const missing = STRATEGIES.filter((key) => !bars.some((b) => b.key === key))
  const ideal = bars.find((b) => b.key === 'ideal')

  return (
    <section className="card" aria-labelledby="comparison-title">
      <h2 id="comparison-title">{s.title}</h2>
      {run && run.finished === null ? (
        <LiveStats run={run} />
      ) : record ? (
        <RecordStats record={record} history={history} />
      ) : run ? (
        <LiveStats run={run} />
      ) : (
        <p className="empty">{s.empty}</p>
      )}
      {bars.length > 0 && (
        <>
          <h3 className="subhead">
            {s.latest}
            <span className="muted">· {reference?.sourceLabel}</span>
          </h3>
          <StrategyChart bars={bars} />
          {ideal && reference && (
            <p className="hint" title={idealOf(reference)?.formula}>
              {s.ideal(ideal.runId !== record?.runId, runName(ideal), ideal.idealKind === 'exact')}
            </p>
          )}
          {missing.length > 0 && (
            <p className="hint">
              {s.notYet(missing.map((m) => STRATEGY_LABELS[m].name).join(', '))}
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
    ...(run.finished ? [{ label: st.elapsed, value: formatSeconds(run.finished.elapsedMs) }] : []),
    { label: st.imagesPerSec, value: formatRate(rate.imagesPerSec, '') },
    { label: st.mbPerSec, value: formatRate(rate.mbPerSec, '') },
    {
      label: st.slowest,
      value: slowest === null ? '–' : formatSeconds(slowest),
      note: st.soFar
    }
  ]
  return <StatGrid stats={stats} label={s.soFar} />
}

function RecordStats({ record, history }: { record: RunRecord; history: readonly RunRecord[] }) {
  const stats = runStats(history, record)
  const sequential = history.find((r) => r.runId === stats.sequentialRunId)
  const items: Stat[] = [
    { label: st.elapsed, value: formatSeconds(stats.elapsedMs) },
    { label: st.imagesPerSec, value: formatRate(stats.imagesPerSec, '') },
    { label: st.mbPerSec, value: formatRate(stats.mbPerSec, '') },
    stats.speedup === null
      ? {
          label: st.speedup,
          value: '–',
          note: record.strategy === 'sequential' ? st.noBaselineIncomplete : st.noBaseline
        }
      : {
          label: st.speedup,
          value: formatSpeedup(stats.speedup),
          note:
            record.strategy === 'sequential' && record.runId === stats.sequentialRunId
              ? st.isBaseline
              : st.vsSequential(formatSeconds(sequential?.elapsedMs ?? 0)),
          tone: stats.speedup > 1.2 ? 'good' : 'plain'
        },
    stats.ideal === null
      ? { label: st.ideal, value: '–', note: st.noIdeal }
      : {
          label: st.ideal,
          value: formatSeconds(stats.ideal.ms),
          note: stats.ideal.kind === 'exact' ? st.exactForCdn : st.lowerBound,
          title: stats.ideal.formula
        }
  ]
  return (
    <>
      <p className="stat-caption">
        {s.lastRunCaption(runName(record), record.sourceLabel, record.ok, record.count)}
      </p>
      <StatGrid stats={items} label={s.lastRun} />
    </>
  )
}
