import { useId, useMemo } from 'react'
import type { RunRecord } from '../../../common/api.ts'
import { useNow } from '../hooks/use-now.ts'
import { formatSeconds } from '../state/format.ts'
import { pipelineComparison } from '../state/process-lessons.ts'
import { runName } from '../state/run-name.ts'
import { elapsedOf, type RunView } from '../state/run-state.ts'
import { niceCeil } from '../state/time-axis.ts'
import { strings } from '../strings/index.ts'
import { Timeline } from './Timeline.tsx'
import { TimelineLegend } from './RunTimeline.tsx'

const s = strings.process.pipeline

/** A pipeline's two stages on one time axis: processing starts while the downloads still go. */
export function StageTimelines({ run }: { run: RunView }) {
  const live = run.finished === null
  const now = useNow(live)
  const id = useId()
  const elapsed = elapsedOf(run, now)
  const stages = useMemo(
    () => [
      { stage: 'download' as const, tasks: run.tasks.filter((t) => t.stage !== 'process') },
      { stage: 'process' as const, tasks: run.tasks.filter((t) => t.stage === 'process') }
    ],
    [run.tasks]
  )
  const domain = niceCeil(Math.max(elapsed, 100))
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{strings.run.timeline.title}</h2>
      <p className="hint">{s.timelineHint}</p>
      {stages.map(({ stage, tasks }) => {
        const lanes = Math.max(1, ...tasks.map((t) => (t.lane ?? 0) + 1))
        return (
          <div key={stage} className="stage-timeline" data-stage={stage}>
            <h3 className="subhead">{s[stage]}</h3>
            <Timeline
              tasks={tasks}
              strategy={stage === 'process' ? (run.processStrategy ?? run.strategy) : run.strategy}
              lanes={lanes}
              elapsedMs={elapsed}
              live={live}
              domainMs={domain}
              compact
              label={s.stageLabel(stage, lanes, tasks.length)}
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
    { key: 'pipeline', name: s.name, parts: [pipeline.elapsedMs] },
    ...(download && process
      ? [
          {
            key: 'serial',
            name: s.serial,
            parts: [download.elapsedMs, process.elapsedMs]
          }
        ]
      : [])
  ]
  const longest = Math.max(1, ...rows.map((r) => r.parts.reduce((a, b) => a + b, 0)))
  return (
    <section className="card" aria-labelledby="pipeline-comparison-title">
      <h2 id="pipeline-comparison-title">{s.title}</h2>
      <ul className="process-chart" aria-label={s.chart}>
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
                ? s.pipelineLine(runName(pipeline))
                : s.serialLine(
                    download ? runName(download) : '',
                    pipeline.kernel ?? '',
                    process ? runName(process) : ''
                  )}
            </span>
          </li>
        ))}
      </ul>
      {!(download && process) && <p className="hint">{s.missing(pipeline.kernel ?? '')}</p>}
    </section>
  )
}
