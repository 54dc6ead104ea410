import { useId, useState } from 'react'
import { useNow } from '../hooks/use-now.ts'
import { expectedLanes, threadsSeen } from '../state/lanes.ts'
import { elapsedOf, type RunView } from '../state/run-state.ts'
import { formatSeconds } from '../state/format.ts'
import { threadStartMs } from '../state/thread-start.ts'
import { strings } from '../strings/index.ts'
import { Timeline, type TimelineRows } from './Timeline.tsx'

const s = strings.run.timeline

/** The run's timeline, drawn live while it goes. */
export function RunTimeline({ run }: { run: RunView }) {
  const live = run.finished === null
  const now = useNow(live)
  const [rows, setRows] = useState<TimelineRows>('lanes')
  const id = useId()
  const lanes = expectedLanes(run.strategy, run.concurrency, run.tasks.length, run.lanes)
  const startup = threadStartMs(run)
  return (
    <section className={`card strategy-${run.strategy}`} aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <h2 id={`${id}-title`}>{s.title}</h2>
        <fieldset className="segmented segmented--small">
          <legend className="visually-hidden">{s.rows}</legend>
          <label>
            <input
              type="radio"
              name={`${id}-rows`}
              checked={rows === 'lanes'}
              onChange={() => setRows('lanes')}
            />
            <span>{s.rowPerLane}</span>
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-rows`}
              checked={rows === 'tasks'}
              onChange={() => setRows('tasks')}
            />
            <span>{s.rowPerTask(run.kind === 'sleep')}</span>
          </label>
        </fieldset>
      </div>
      <p className="hint">
        {rows === 'lanes' ? laneLesson(run) : s.taskRows}
        {startup !== null && s.threadStart(formatSeconds(startup))}
      </p>
      <Timeline
        tasks={run.tasks}
        strategy={run.strategy}
        lanes={lanes}
        elapsedMs={elapsedOf(run, now)}
        live={live}
        rows={rows}
        label={s.label(lanes, run.tasks.length)}
      />
      <TimelineLegend />
    </section>
  )
}

/** What a row per lane shows, in the words of the run's kind and strategy. */
function laneLesson(run: RunView): string {
  if (run.kind === 'process') return s.processLesson[run.strategy]
  // Downloads share a few threads; sleeps keep one each.
  if (run.kind === 'download' && run.strategy === 'workers') {
    return s.sharedLesson(threadsSeen(run.tasks))
  }
  return s.lesson[run.strategy]
}

export function TimelineLegend() {
  return (
    <ul className="legend" aria-label={s.legend}>
      {(['running', 'done', 'failed', 'cancelled'] as const).map((status) => (
        <li key={status}>
          <span className={`legend-swatch legend-swatch--${status}`} /> {s[status]}
        </li>
      ))}
    </ul>
  )
}
