import { useNow } from '../hooks/use-now.ts'
import { formatBytes, formatSeconds } from '../state/format.ts'
import { runName } from '../state/run-name.ts'
import { elapsedOf, type RunView } from '../state/run-state.ts'
import { ProgressBar } from './ProgressBar.tsx'

/** Images done of total, bytes, and the elapsed time ticking while the run goes. */
export function RunProgress({ run, noun = 'images' }: { run: RunView; noun?: string }) {
  const running = run.finished === null
  const now = useNow(running)
  // Cancelled tasks were never done: they count apart.
  const done = run.ok + run.failed
  const total = run.tasks.length
  const elapsed = elapsedOf(run, now)
  const state = running
    ? 'Running'
    : run.cancelled > 0 && run.ok + run.failed < total
      ? 'Cancelled'
      : run.failed > 0
        ? 'Finished with failures'
        : 'Finished'
  const tone = running
    ? 'running'
    : state === 'Finished'
      ? 'ok'
      : state === 'Cancelled'
        ? 'muted'
        : 'bad'
  return (
    <div className="run-progress">
      <div className="run-progress-head">
        <span className={`status-pill status-pill--${tone}`}>{state}</span>
        <span className="run-progress-strategy">
          {runName(run)}
          {run.mode && ` · ${run.mode}`}
        </span>
      </div>
      <div className="run-progress-numbers" aria-live="off">
        <span>
          <strong>{done}</strong> of {total} {noun}
        </span>
        {run.kind === 'download' && <span>{formatBytes(run.bytes)}</span>}
        <span className="elapsed" aria-label="Elapsed">
          {formatSeconds(elapsed)}
        </span>
      </div>
      <ProgressBar
        value={total === 0 ? 1 : done / total}
        label={`${done} of ${total} ${noun} done`}
      />
      <div className="run-progress-counts">
        <span className="count-ok">
          {run.ok} {run.kind === 'download' ? 'saved' : 'done'}
        </span>
        {run.running > 0 && <span className="count-running">{run.running} in flight</span>}
        {run.failed > 0 && <span className="count-failed">{run.failed} failed</span>}
        {run.cancelled > 0 && <span className="count-cancelled">{run.cancelled} cancelled</span>}
      </div>
    </div>
  )
}
