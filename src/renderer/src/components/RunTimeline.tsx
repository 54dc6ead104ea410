import { useId, useState } from 'react'
import { useNow } from '../hooks/use-now.ts'
import { expectedLanes } from '../state/lanes.ts'
import { elapsedOf, type RunView } from '../state/run-state.ts'
import { formatSeconds } from '../state/format.ts'
import { threadStartMs } from '../state/thread-start.ts'
import { Timeline, type TimelineRows } from './Timeline.tsx'

const LESSON: Record<RunView['strategy'], string> = {
  sequential: 'One lane: each task starts when the one before it ends.',
  workers: 'One row per worker thread: tasks overlap in time.',
  pool: 'One row per pool slot: requests overlap while they wait.'
}

/** A processing run's lanes: what overlaps depends on where the kernel computes. */
const PROCESS_LESSON: Record<RunView['strategy'], string> = {
  sequential: 'One lane: each image is processed when the one before it is saved.',
  workers: 'One row per worker thread: each thread computes its own image, on its own core.',
  pool: 'One row per pool slot: sharp’s images overlap on libuv’s threads; JavaScript ones take turns on the one thread.'
}

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
        <h2 id={`${id}-title`}>Timeline</h2>
        <fieldset className="segmented segmented--small">
          <legend className="visually-hidden">Timeline rows</legend>
          <label>
            <input
              type="radio"
              name={`${id}-rows`}
              checked={rows === 'lanes'}
              onChange={() => setRows('lanes')}
            />
            <span>Row per lane</span>
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-rows`}
              checked={rows === 'tasks'}
              onChange={() => setRows('tasks')}
            />
            <span>Row per {run.kind === 'sleep' ? 'task' : 'image'}</span>
          </label>
        </fieldset>
      </div>
      <p className="hint">
        {rows === 'lanes'
          ? (run.kind === 'process' ? PROCESS_LESSON : LESSON)[run.strategy]
          : 'One row per task in input order: one after another is a staircase; at once, the bars stack up.'}
        {startup !== null &&
          ` The first ${formatSeconds(startup)}: the threads starting up. The app keeps them a minute for the next run, which starts at once.`}
      </p>
      <Timeline
        tasks={run.tasks}
        strategy={run.strategy}
        lanes={lanes}
        elapsedMs={elapsedOf(run, now)}
        live={live}
        rows={rows}
        label={`Timeline of the run: ${lanes} ${lanes === 1 ? 'lane' : 'lanes'}, ${run.tasks.length} tasks`}
      />
      <TimelineLegend />
    </section>
  )
}

export function TimelineLegend() {
  return (
    <ul className="legend" aria-label="Legend">
      <li>
        <span className="legend-swatch legend-swatch--running" /> running
      </li>
      <li>
        <span className="legend-swatch legend-swatch--done" /> done
      </li>
      <li>
        <span className="legend-swatch legend-swatch--failed" /> failed
      </li>
      <li>
        <span className="legend-swatch legend-swatch--cancelled" /> cancelled
      </li>
    </ul>
  )
}
