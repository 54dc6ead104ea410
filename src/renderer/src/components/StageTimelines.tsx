import { useId, useMemo } from 'react'
import type { RunRecord } from '../../../common/api.ts'
import { useNow } from '../hooks/use-now.ts'
import { formatSeconds } from '../state/format.ts'
import { pipelineComparison } from '../state/process-lessons.ts'
import { runName } from '../state/run-name.ts'
import { elapsedOf, type RunView } from '../state/run-state.ts'
import { niceCeil } from '../state/time-axis.ts'
import { Timeline } from './Timeline.tsx'
import { TimelineLegend } from './RunTimeline.tsx'

/** A pipeline's two stages on one time axis: processing starts while the downloads still go. */
export function StageTimelines({ run }: { run: RunView }) {
  const live = run.finished === null
  const now = useNow(live)
  const id = useId()
  const elapsed = elapsedOf(run, now)
  const stages = useMemo(
    () => [
      { stage: 'download', tasks: run.tasks.filter((t) => t.stage !== 'process') },
      { stage: 'process', tasks: run.tasks.filter((t) => t.stage === 'process') }
    ],
    [run.tasks]
  )
  const domain = niceCeil(Math.max(elapsed, 100))
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Timeline</h2>
      <p className="hint">
        Two stages on one clock: each image is processed as soon as it is saved, so processing
        overlaps the downloads still waiting on the network.
      </p>
      {stages.map(({ stage, tasks }) => {
        const lanes = Math.max(1, ...tasks.map((t) => (t.lane ?? 0) + 1))
        return (
          <div key={stage} className="stage-timeline" data-stage={stage}>
            <h3 className="subhead">{stage === 'download' ? 'Download' : 'Process'}</h3>
            <Timeline
              tasks={tasks}
              strategy={run.strategy}
              lanes={lanes}
              elapsedMs={elapsed}
              live={live}
              domainMs={domain}
              compact
              label={`${stage} stage: ${lanes} ${lanes === 1 ? 'lane' : 'lanes'}, ${tasks.length} tasks`}
            />
          </div>
        )
      })}
      <TimelineLegend />
    </section>
  )
}

/** The pipeline beside "download everything, then process everything" of the same source and kernel. */
export function PipelineComparisonCard({
  run,
  history
}: {
  run: RunView
  history: readonly RunRecord[]
}) {
  const record = history.find((r) => r.runId === run.runId)
  if (!record) return null
  const { pipeline, download, process } = pipelineComparison(history, record)
  const rows = [
    { key: 'pipeline', name: 'Pipeline', parts: [pipeline.elapsedMs] },
    ...(download && process
      ? [
          {
            key: 'serial',
            name: `Download, then process`,
            parts: [download.elapsedMs, process.elapsedMs]
          }
        ]
      : [])
  ]
  const longest = Math.max(1, ...rows.map((r) => r.parts.reduce((a, b) => a + b, 0)))
  return (
    <section className="card" aria-labelledby="pipeline-comparison-title">
      <h2 id="pipeline-comparison-title">Pipeline or one stage after the other</h2>
      <ul className="process-chart" aria-label="Pipeline against download, then process">
        {rows.map((row) => (
          <li key={row.key} className={`process-bar pipeline-bar--${row.key}`}>
            <span className="process-bar-name">{row.name}</span>
            <span className="process-bar-track">
              {row.parts.map((ms, index) => (
                <span
                  key={index}
                  className={`process-bar-fill process-bar-fill--part${index}`}
                  style={{ width: `${(ms / longest) * 100}%` }}
                />
              ))}
            </span>
            <span className="process-bar-value">
              {row.parts.length > 1 && `${row.parts.map((ms) => formatSeconds(ms)).join(' + ')} = `}
              {formatSeconds(row.parts.reduce((a, b) => a + b, 0))}
            </span>
            <span className="process-bar-line">
              {row.key === 'pipeline'
                ? `${runName(pipeline)}: each image is processed while the others still download, so the processing hides under the waiting.`
                : `${download ? runName(download) : ''}, then ${pipeline.kernel} on ${process ? runName(process) : ''}: the processing starts only once the last image is saved.`}
            </span>
          </li>
        ))}
      </ul>
      {!(download && process) && (
        <p className="hint">
          Download the same source, then process it with {pipeline.kernel}, to compare the pipeline
          with one stage after the other.
        </p>
      )}
    </section>
  )
}
