import { useMemo } from 'react'
import type { RunRecord } from '../../../common/api.ts'
import { formatNumber, formatSeconds } from '../state/format.ts'
import { processBars, resultLine } from '../state/process-lessons.ts'
import { runName } from '../state/run-name.ts'
import type { RunView } from '../state/run-state.ts'
import { strings } from '../strings/index.ts'

const s = strings.process.timing

interface Props {
  run: RunView | null
  history: readonly RunRecord[]
}

/** The processing runs over the same images, by kernel and strategy, each with why it took its time. */
export function ProcessComparison({ run, history }: Props) {
  const ofKind = useMemo(
    () => history.filter((r) => r.kind === 'process').sort((a, b) => b.startedAt - a.startedAt),
    [history]
  )
  const record = run ? ofKind.find((r) => r.runId === run.runId) : ofKind[0]
  const reference = record ?? ofKind[0]
  const bars = useMemo(
    () => (reference ? processBars(history, reference.sourceKey) : []),
    [history, reference]
  )
  const longest = Math.max(0.001, ...bars.map((b) => b.seconds))
  const sequential = (kernel: string): number | undefined =>
    bars.find((b) => b.kernel === kernel && b.strategy === 'sequential')?.seconds

  return (
    <section className="card" aria-labelledby="process-comparison-title">
      <h2 id="process-comparison-title">{s.title}</h2>
      {record && record.kernel && (
        <p className="stat-caption">
          {s.lastRun(
            record.kernel,
            runName(record),
            formatSeconds(record.elapsedMs),
            record.ok,
            record.count
          )}
        </p>
      )}
      {bars.length === 0 ? (
        <p className="empty">{s.empty}</p>
      ) : (
        <>
          <h3 className="subhead">
            {s.latest}
            <span className="muted">· {reference?.sourceLabel}</span>
          </h3>
          <ul className="process-chart" aria-label={s.chart}>
            {bars.map((bar) => {
              const base = sequential(bar.kernel)
              const ratio = base && bar.strategy !== 'sequential' ? bar.seconds / base : null
              return (
                <li
                  key={bar.key}
                  className={`process-bar strategy-${bar.strategy} kernel-${bar.kernel}`}
                  data-kernel={bar.kernel}
                  data-strategy={bar.strategy}
                >
                  <span className="process-bar-name">{bar.name}</span>
                  <span className="process-bar-track">
                    <span
                      className="process-bar-fill"
                      style={{ width: `${(bar.seconds / longest) * 100}%` }}
                    />
                  </span>
                  <span className="process-bar-value">
                    {formatSeconds(bar.seconds * 1000)}
                    {ratio !== null && (
                      <span className="muted">{s.ratio(formatNumber(ratio, 2))}</span>
                    )}
                  </span>
                  <span className="process-bar-line">{bar.line}</span>
                </li>
              )
            })}
          </ul>
        </>
      )}
    </section>
  )
}

/** The one line under a finished processing run. */
export function ProcessResultLine({ run }: { run: RunView }) {
  if (!run.finished || !run.kernel) return null
  return (
    <p className="process-result-line">{resultLine(run.kernel, run.strategy, run.concurrency)}</p>
  )
}
