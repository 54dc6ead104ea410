import { memo, useMemo, useRef } from 'react'
import type { Strategy } from '../../../common/defaults.ts'
import type { TaskStatus } from '../../../common/events.ts'
import { useElementWidth } from '../hooks/use-element-width.ts'
import { baseName, formatNumber } from '../state/format.ts'
import { laneName } from '../state/lanes.ts'
import { axisTicks, niceCeil } from '../state/time-axis.ts'
import { strings } from '../strings/index.ts'

export interface TimelineTask {
  taskId: number
  label: string
  status: TaskStatus
  lane: number | null
  startMs: number | null
  endMs: number | null
}

export type TimelineRows = 'lanes' | 'tasks'

interface Props {
  tasks: readonly TimelineTask[]
  strategy: Strategy
  lanes: number
  /** Where running bars end: the run's elapsed time. */
  elapsedMs: number
  live: boolean
  rows?: TimelineRows
  compact?: boolean
  /** A fixed end of the time axis, to draw several runs on one scale. */
  domainMs?: number
  label: string
}

interface Bar {
  task: TimelineTask
  index: number
}

const AXIS_HEIGHT = 22
const PAD_RIGHT = 12

/**
 * One row per lane (or per task), one bar per task from its start to its end:
 * sequential draws a staircase, a pool draws bars that overlap in time.
 */
export function Timeline({
  tasks,
  strategy,
  lanes,
  elapsedMs,
  live,
  rows = 'lanes',
  compact = false,
  domainMs,
  label
}: Props) {
  const ref = useRef<HTMLDivElement>(null)
  const width = useElementWidth(ref, 640)
  const labelWidth = compact ? 70 : 84

  const rowBars = useMemo(() => groupBars(tasks, rows, lanes), [tasks, rows, lanes])
  const lastEnd = useMemo(() => {
    let end = 0
    for (const task of tasks) if (task.endMs !== null) end = Math.max(end, task.endMs)
    return end
  }, [tasks])

  const domain = domainMs ?? niceCeil(Math.max(elapsedMs, lastEnd, 100))
  const rowCount = rowBars.length
  const maxHeight = compact ? 110 : 300
  const rowHeight = Math.max(
    3,
    Math.min(compact ? 12 : 22, Math.floor(maxHeight / Math.max(1, rowCount)))
  )
  const labelEvery = Math.ceil(12 / rowHeight)
  const plotWidth = Math.max(40, width - labelWidth - PAD_RIGHT)
  const height = rowCount * rowHeight + AXIS_HEIGHT
  const x = (ms: number): number => labelWidth + (ms / domain) * plotWidth
  const ticks = axisTicks(domain, Math.max(2, Math.floor(plotWidth / 70)))

  return (
    <div
      ref={ref}
      className={`timeline strategy-${strategy} ${compact ? 'timeline--compact' : ''}`}
    >
      <svg width={width} height={height} role="img" aria-label={label} className="timeline-svg">
        <g className="timeline-grid" aria-hidden="true">
          {ticks.map((tick) => (
            <line key={tick.ms} x1={x(tick.ms)} x2={x(tick.ms)} y1={0} y2={rowCount * rowHeight} />
          ))}
        </g>
        {rowBars.map((bars, row) => (
          <TimelineRow
            key={row}
            row={row}
            bars={bars}
            rows={rows}
            strategy={strategy}
            y={row * rowHeight}
            height={rowHeight}
            showLabel={row % labelEvery === 0}
            labelWidth={labelWidth}
            plotWidth={plotWidth}
            domain={domain}
            // Rows without a running bar need not redraw as the clock ticks.
            nowMs={bars.some((b) => b.task.endMs === null) ? elapsedMs : 0}
          />
        ))}
        {live && (
          <line
            className="timeline-now"
            x1={x(elapsedMs)}
            x2={x(elapsedMs)}
            y1={0}
            y2={rowCount * rowHeight}
          />
        )}
        <g className="timeline-axis" transform={`translate(0 ${rowCount * rowHeight})`}>
          {ticks.map((tick) => (
            <text key={tick.ms} x={x(tick.ms)} y={15} textAnchor="middle">
              {tick.label}
            </text>
          ))}
        </g>
      </svg>
    </div>
  )
}

function groupBars(tasks: readonly TimelineTask[], rows: TimelineRows, lanes: number): Bar[][] {
  if (rows === 'tasks') {
    return tasks.map((task, index) => (task.startMs === null ? [] : [{ task, index }]))
  }
  const grouped: Bar[][] = Array.from({ length: lanes }, () => [])
  tasks.forEach((task, index) => {
    if (task.startMs === null || task.lane === null) return
    while (grouped.length <= task.lane) grouped.push([])
    grouped[task.lane]?.push({ task, index })
  })
  return grouped
}

interface RowProps {
  row: number
  bars: Bar[]
  rows: TimelineRows
  strategy: Strategy
  y: number
  height: number
  showLabel: boolean
  labelWidth: number
  plotWidth: number
  domain: number
  nowMs: number
}

const TimelineRow = memo(function TimelineRow({
  row,
  bars,
  rows,
  strategy,
  y,
  height,
  showLabel,
  labelWidth,
  plotWidth,
  domain,
  nowMs
}: RowProps) {
  const name = rows === 'lanes' ? laneName(strategy, row) : strings.run.timeline.taskRow(row + 1)
  return (
    <g className="timeline-row" data-row={row} data-lane={rows === 'lanes' ? row : undefined}>
      <rect
        className={`timeline-row-bg ${row % 2 ? 'odd' : ''}`}
        x={labelWidth}
        y={y}
        width={plotWidth}
        height={height}
      />
      {showLabel && (
        <text
          className="timeline-label"
          x={labelWidth - 8}
          y={y + height / 2}
          textAnchor="end"
          dominantBaseline="central"
        >
          {name}
        </text>
      )}
      {bars.map(({ task, index }) => (
        <TimelineBar
          key={task.taskId}
          task={task}
          alt={index % 2 === 1}
          laneLabel={rows === 'lanes' ? name : laneName(strategy, task.lane ?? 0)}
          gap={rows === 'lanes' ? 1 : 0}
          y={y}
          height={height}
          labelWidth={labelWidth}
          plotWidth={plotWidth}
          domain={domain}
          nowMs={task.endMs === null ? nowMs : 0}
        />
      ))}
    </g>
  )
})

interface BarProps {
  task: TimelineTask
  alt: boolean
  laneLabel: string
  gap: number
  y: number
  height: number
  labelWidth: number
  plotWidth: number
  domain: number
  /** The clock, for a running bar only: a settled bar has 0 and stays as it is. */
  nowMs: number
}

/** One task's bar; memoized, so a batch redraws only the tasks it changed. */
const TimelineBar = memo(function TimelineBar({
  task,
  alt,
  laneLabel,
  gap,
  y,
  height,
  labelWidth,
  plotWidth,
  domain,
  nowMs
}: BarProps) {
  const x = (ms: number): number => labelWidth + (ms / domain) * plotWidth
  const inset = height >= 10 ? 2 : height >= 5 ? 1 : 0
  const start = task.startMs ?? 0
  const end = task.endMs ?? Math.max(start, nowMs)
  const left = x(start)
  const until = task.endMs === null ? strings.run.timeline.now : `${formatNumber(end / 1000, 2)} s`
  return (
    <rect
      className={`bar bar--${task.status} ${alt ? 'bar--alt' : ''}`}
      data-task={task.taskId}
      x={left}
      y={y + inset}
      width={Math.max(2, x(end) - left - gap)}
      height={Math.max(1, height - inset * 2)}
      rx={height >= 10 ? 3 : 1}
    >
      <title>
        {`${baseName(task.label)} · ${laneLabel} · ${formatNumber(start / 1000, 2)}–${until} (${task.status})`}
      </title>
    </rect>
  )
})
