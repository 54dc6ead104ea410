import { useNow } from '../hooks/use-now.ts'
import { formatSpeed, formatTimeLeft, paceOf } from '../state/eta.ts'
import { formatBytes, formatSeconds } from '../state/format.ts'
import { runName } from '../state/run-name.ts'
import { runState } from '../state/run-outcome.ts'
import { elapsedOf, previewsLeft, type RunView } from '../state/run-state.ts'
import { strings } from '../strings/index.ts'

const s = strings.run.progress

const TONES = {
  Running: 'running',
  Finished: 'ok',
  Cancelled: 'muted',
  'Finished with failures': 'bad'
} as const

/**
 * Saved and failed apart, in words and in the bar; while a download goes, its
 * speed and time left; the clock, stopped at the run's own time when it ends.
 */
export function RunProgress({ run }: { run: RunView }) {
  const running = run.finished === null
  const now = useNow(running)
  const total = run.tasks.length
  const elapsed = elapsedOf(run, now)
  const state = runState(run)
  const verb = run.kind === 'download' ? s.saved : s.done
  const pace = paceOf(run, elapsed)
  const previews = previewsLeft(run)
  const share = (n: number): string => `${total === 0 ? 0 : (n / total) * 100}%`
  const words = [s.okWords(run.ok, total, verb)]
  if (run.failed > 0) words.push(s.failed(run.failed))
  if (run.cancelled > 0) words.push(s.cancelled(run.cancelled))
  return (
    <div className="run-progress">
      <div className="run-progress-head">
        <span className={`status-pill status-pill--${TONES[state]}`}>{s.state[state]}</span>
        <span className="run-progress-strategy">
          {runName(run)}
          {run.mode && ` · ${run.mode}`}
        </span>
        {previews && (
          <span className="run-previews">{s.makingPreviews(previews.done, previews.total)}</span>
        )}
      </div>
      <div className="run-progress-numbers">
        <span className="run-words">
          <strong className="count-ok" data-count="saved">
            {run.ok}
          </strong>
          {s.ofTotal(total, verb)}
          {run.failed > 0 && (
            <>
              {' · '}
              <span className="count-failed" data-count="failed">
                {s.failed(run.failed)}
              </span>
            </>
          )}
          {run.cancelled > 0 && (
            <>
              {' · '}
              <span className="count-cancelled" data-count="cancelled">
                {s.cancelled(run.cancelled)}
              </span>
            </>
          )}
          {run.running > 0 && (
            <span className="count-running muted">{s.inFlight(run.running)}</span>
          )}
        </span>
        {run.kind === 'download' && <span className="run-bytes">{formatBytes(run.bytes)}</span>}
        {pace && (
          <span className="run-pace">
            {formatSpeed(pace.bytesPerSecond)}
            {pace.leftMs !== null && ` · ${formatTimeLeft(pace.leftMs)}`}
          </span>
        )}
        <span className="elapsed" title={s.elapsed}>
          <span className="visually-hidden">{s.elapsedSpoken}</span>
          {formatSeconds(elapsed)}
        </span>
      </div>
      <div
        className="progress run-bar"
        role="progressbar"
        aria-label={words.join(', ')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={
          total === 0 ? 100 : Math.round(((run.ok + run.failed + run.cancelled) / total) * 100)
        }
        aria-valuetext={words.join(', ')}
      >
        <div className="run-bar-part run-bar-part--ok" style={{ width: share(run.ok) }} />
        <div className="run-bar-part run-bar-part--failed" style={{ width: share(run.failed) }} />
        <div
          className="run-bar-part run-bar-part--cancelled"
          style={{ width: share(run.cancelled) }}
        />
      </div>
    </div>
  )
}
