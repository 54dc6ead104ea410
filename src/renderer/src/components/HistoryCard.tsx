import { memo, useEffect, useRef, useState } from 'react'
import type { RunRecord } from '../../../common/api.ts'
import { STRATEGY_LABELS } from '../../../common/defaults.ts'
import type { RunKind } from '../../../common/events.ts'
import {
  formatBytes,
  formatClock,
  formatClockSeconds,
  formatRate,
  formatSeconds,
  formatSpeedup
} from '../state/format.ts'
import { runName } from '../state/run-name.ts'
import { runStats } from '../state/stats.ts'
import { niceCeil } from '../state/time-axis.ts'
import { strings } from '../strings/index.ts'
import { Timeline } from './Timeline.tsx'

interface Props {
  history: readonly RunRecord[]
  kind: RunKind
  onClear(): Promise<void>
  /** Resume: a new run of an interrupted download's unfinished images (named by its runId only). */
  onResume?(runId: string): void
  /** A run is in flight: Resume waits for it to end. */
  busy?: boolean
}

const SHOWN = 25
const MAX_COMPARED = 4

const s = strings.history

/** Past runs; tick any of them to compare side by side. Memoized: a run's batches do not touch it. */
export const HistoryCard = memo(function HistoryCard({
  history,
  kind,
  onClear,
  onResume,
  busy = false
}: Props) {
  const [selected, setSelected] = useState<string[]>([])
  const [showAll, setShowAll] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const keepRef = useRef<HTMLButtonElement>(null)
  const clearRef = useRef<HTMLButtonElement>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)
  /** Where the focus goes once the confirm closes: back to its button, or to the heading once cleared. */
  const after = useRef<'button' | 'heading' | null>(null)
  useEffect(() => {
    if (confirming) keepRef.current?.focus()
    else if (after.current === 'button') clearRef.current?.focus()
    else if (after.current === 'heading') headingRef.current?.focus()
    after.current = null
  }, [confirming])
  const closeConfirm = (then: 'button' | 'heading'): void => {
    after.current = then
    setConfirming(false)
  }
  // The download side lists its download-and-process pipelines too.
  const runs = history
    .filter((r) => r.kind === kind || (kind === 'download' && r.kind === 'pipeline'))
    .sort((a, b) => b.startedAt - a.startedAt)
  const shown = showAll ? runs : runs.slice(0, SHOWN)
  const compared = selected
    .map((id) => runs.find((r) => r.runId === id))
    .filter((r): r is RunRecord => r !== undefined)

  const toggle = (runId: string): void =>
    setSelected((current) =>
      current.includes(runId)
        ? current.filter((id) => id !== runId)
        : [...current, runId].slice(-MAX_COMPARED)
    )

  return (
    <section className="card" aria-labelledby={`history-${kind}`}>
      <div className="card-head">
        <h2 id={`history-${kind}`} ref={headingRef} tabIndex={-1}>
          {s.title}
        </h2>
        {runs.length > 0 &&
          (confirming ? (
            <span
              className="confirm"
              role="group"
              aria-label={s.clearQuestion}
              onKeyDown={(event) => {
                if (event.key !== 'Escape') return
                // Escape closes the question; it does not also cancel a run.
                event.preventDefault()
                closeConfirm('button')
              }}
            >
              <span aria-hidden="true">{s.clearQuestion}</span>{' '}
              <button
                type="button"
                className="button button--danger"
                onClick={() => {
                  closeConfirm('heading')
                  setSelected([])
                  void onClear()
                }}
              >
                {s.clear}
              </button>
              <button
                ref={keepRef}
                type="button"
                className="button"
                onClick={() => closeConfirm('button')}
              >
                {s.keep}
              </button>
            </span>
          ) : (
            <button
              ref={clearRef}
              type="button"
              className="button"
              onClick={() => setConfirming(true)}
            >
              {s.clearHistory}
            </button>
          ))}
      </div>
      {runs.length === 0 ? (
        <p className="empty">{s.empty}</p>
      ) : (
        <>
          <p className="hint">{s.tickHint(MAX_COMPARED)}</p>
          <ul className="history-list">
            {shown.map((run) => (
              <li key={run.runId}>
                <label className="history-row">
                  <input
                    type="checkbox"
                    checked={selected.includes(run.runId)}
                    onChange={() => toggle(run.runId)}
                    aria-label={s.compare(describe(run))}
                  />
                  <span className={`swatch strategy-${run.strategy}`} aria-hidden="true" />
                  <span className="history-strategy" title={strategyOf(run)}>
                    {runName(run)}
                    {modeShown(run) && <span className="muted"> · {run.mode}</span>}
                    {run.kernel && <span className="muted"> · {run.kernel}</span>}
                  </span>
                  <span className="history-source muted" title={run.sourceLabel}>
                    {run.sourceLabel}
                  </span>
                  <span className="history-elapsed">{formatSeconds(run.elapsedMs)}</span>
                  <span className="history-result">{outcome(run)}</span>
                  <time className="muted" dateTime={new Date(run.startedAt).toISOString()}>
                    {formatClock(run.startedAt)}
                  </time>
                </label>
                {onResume && unfinished(run) > 0 && (
                  <ResumeRow run={run} busy={busy} onResume={onResume} />
                )}
              </li>
            ))}
          </ul>
          {runs.length > SHOWN && (
            <button type="button" className="link-button" onClick={() => setShowAll((v) => !v)}>
              {showAll ? s.showFewer : s.showAll(runs.length)}
            </button>
          )}
        </>
      )}
      {compared.length > 0 && <SideBySide runs={compared} history={history} />}
    </section>
  )
})

function SideBySide({ runs, history }: { runs: RunRecord[]; history: readonly RunRecord[] }) {
  // One time scale for all, so that the lengths compare at a glance.
  const domainMs = niceCeil(Math.max(100, ...runs.map((r) => r.elapsedMs)))
  return (
    <div className={`side-by-side side-by-side--${runs.length}`}>
      {runs.map((run) => {
        const stats = runStats(history, run)
        const lanes = run.tasks.reduce((max, t) => Math.max(max, (t.lane ?? 0) + 1), 1)
        return (
          <article key={run.runId} className="compare-column" aria-label={describe(run)}>
            <h3>
              <span className={`swatch strategy-${run.strategy}`} aria-hidden="true" />
              <span className="compare-name" title={runName(run)}>
                {runName(run)}
              </span>
            </h3>
            <p className="muted small" title={run.sourceLabel}>
              {run.sourceLabel}
            </p>
            <dl className="compare-stats">
              <dt>{s.elapsed}</dt>
              <dd>{formatSeconds(run.elapsedMs)}</dd>
              {run.kind === 'download' && (
                <>
                  <dt>{s.imagesPerSec}</dt>
                  <dd>{formatRate(stats.imagesPerSec, '')}</dd>
                  <dt>{s.mbPerSec}</dt>
                  <dd>{formatRate(stats.mbPerSec, '')}</dd>
                  <dt>{s.bytes}</dt>
                  <dd>{formatBytes(run.bytes)}</dd>
                </>
              )}
              <dt>{s.speedup}</dt>
              <dd>{stats.speedup === null ? '–' : formatSpeedup(stats.speedup)}</dd>
              <dt>{s.result}</dt>
              <dd>{outcome(run)}</dd>
            </dl>
            <Timeline
              tasks={run.tasks}
              strategy={run.strategy}
              lanes={lanes}
              elapsedMs={run.elapsedMs}
              live={false}
              compact
              domainMs={domainMs}
              label={s.timelineOf(describe(run))}
            />
          </article>
        )
      })}
    </div>
  )
}

/**
 * An interrupted download's images left, which Resume downloads (0 once resumed, or
 * for another kind of run): the main process decides again what it may resume.
 */
function unfinished(run: RunRecord): number {
  if (run.kind !== 'download' || !run.interrupted || run.resumedBy !== undefined) return 0
  // Unsplash photos are picked again rather than resumed by URL: they must be tracked.
  if (run.tasks.some((task) => task.credit !== undefined)) return 0
  return run.tasks.filter((task) => task.status === 'queued' || task.status === 'cancelled').length
}

/** Below an interrupted run: how many images it left, and Resume. */
function ResumeRow({
  run,
  busy,
  onResume
}: {
  run: RunRecord
  busy: boolean
  onResume(runId: string): void
}) {
  const left = unfinished(run)
  return (
    <div
      className="history-resume"
      style={{
        gridColumn: '1 / -1',
        display: 'flex',
        alignItems: 'center',
        gap: 10,
        padding: '0 10px 8px 36px',
        fontSize: 13
      }}
    >
      <span className="muted">{s.quit(left)}</span>
      <button
        type="button"
        className="button"
        disabled={busy}
        title={busy ? s.waitForRun : s.resumeTitle}
        aria-label={s.resumeLabel(describe(run), left)}
        onClick={() => onResume(run.runId)}
      >
        {s.resume}
      </button>
    </div>
  )
}

/** The sleep demo's label has the mode in it already (`sleep 1, 2 s (timer)`): say it once. */
function modeShown(run: RunRecord): boolean {
  return run.mode !== undefined && !run.sourceLabel.includes(`(${run.mode})`)
}

function strategyOf(run: RunRecord): string {
  return run.mode ? `${runName(run)} · ${run.mode}` : runName(run)
}

function outcome(run: RunRecord): string {
  const parts = [s.ok(run.ok)]
  if (run.failed) parts.push(s.failed(run.failed))
  if (run.cancelled) parts.push(s.cancelled(run.cancelled))
  if (run.interrupted) parts.push(run.resumedBy ? s.interruptedResumed : s.interrupted)
  return parts.join(' · ')
}

function describe(run: RunRecord): string {
  const { name } = STRATEGY_LABELS[run.strategy]
  return s.describe(name, formatClockSeconds(run.startedAt), formatSeconds(run.elapsedMs))
}
