import { memo } from 'react'
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  Tooltip,
  XAxis,
  YAxis,
  type YAxisTickContentProps
} from 'recharts'
import { formatNumber, formatSeconds } from '../state/format.ts'
import { runName } from '../state/run-name.ts'
import { chartRows, idealWord, type ChartRow, type ComparisonBar } from '../state/stats.ts'
import { secondTicks } from '../state/time-axis.ts'
import { strings } from '../strings/index.ts'

const s = strings.download.chart

const COLORS: Record<ComparisonBar['key'], string> = {
  sequential: 'var(--c-sequential)',
  workers: 'var(--c-workers)',
  pool: 'var(--c-pool)',
  ideal: 'var(--c-ideal)'
}

/** Room for the longest short label, `Pool (p-limit) × 32`, and the ideal's second line. */
const AXIS_WIDTH = 196

/** The latest run of each strategy, and the ideal, in seconds. */
export const StrategyChart = memo(function StrategyChart({ bars }: { bars: ComparisonBar[] }) {
  const rows = chartRows(bars)
  const byLabel = new Map(rows.map((row) => [row.label, row]))
  // Recharts' own ticks split the longest bar's time in four: 0.95 s, 1.9 s, 2.85 s.
  const ticks = secondTicks(Math.max(...bars.map((b) => b.seconds)))
  return (
    <div className="strategy-chart" role="img" aria-label={chartSummary(bars)}>
      <BarChart
        data={rows}
        layout="vertical"
        responsive
        style={{ width: '100%', height: 48 + bars.length * 40 }}
        margin={{ top: 4, right: 56, bottom: 4, left: 8 }}
      >
        <CartesianGrid horizontal={false} stroke="var(--border)" />
        <XAxis
          type="number"
          domain={[0, ticks.at(-1) ?? 1]}
          ticks={ticks}
          tickFormatter={(value: number) => s.seconds(value)}
          tick={{ fill: 'var(--muted)', fontSize: 12 }}
          stroke="var(--border)"
        />
        <YAxis
          type="category"
          dataKey="label"
          width={AXIS_WIDTH}
          tick={(props: YAxisTickContentProps) => (
            <AxisLabel {...props} row={byLabel.get(String(props.payload.value))} />
          )}
          stroke="var(--border)"
        />
        <Tooltip
          cursor={{ fill: 'var(--surface-2)' }}
          labelFormatter={(label) => byLabel.get(String(label))?.full ?? String(label)}
          formatter={(value, _name, item) => [
            formatSeconds(Number(value) * 1000),
            (item.payload as ChartRow | undefined)?.key === 'ideal'
              ? s.idealTooltip(idealWord((item.payload as ChartRow).idealKind))
              : s.elapsed
          ]}
          contentStyle={{
            background: 'var(--surface)',
            border: '1px solid var(--border)',
            borderRadius: 8,
            color: 'var(--text)'
          }}
        />
        <Bar dataKey="seconds" radius={[0, 4, 4, 0]} isAnimationActive={false} barSize={22}>
          {rows.map((row) => (
            <Cell key={row.key} fill={COLORS[row.key]} />
          ))}
          <LabelList
            dataKey="seconds"
            position="right"
            formatter={(value) => formatSeconds(Number(value) * 1000)}
            style={{ fill: 'var(--text)', fontSize: 12 }}
          />
        </Bar>
      </BarChart>
    </div>
  )
})

/** One line, no wrapping (Recharts wraps at the axis width); the ideal gets a second, muted one. */
function AxisLabel({ x, y, row, payload }: YAxisTickContentProps & { row: ChartRow | undefined }) {
  const label = String(payload.value)
  return (
    <g transform={`translate(${Number(x)},${Number(y)})`} className="chart-axis-label">
      <title>{row?.full ?? label}</title>
      <text x={0} y={0} dy={row?.sub ? -2 : 4} textAnchor="end" fill="var(--text)" fontSize={12}>
        {label}
      </text>
      {row?.sub && (
        <text x={0} y={0} dy={11} textAnchor="end" fill="var(--muted)" fontSize={10.5}>
          {row.sub}
        </text>
      )}
    </g>
  )
}

/** Read by screen readers and the end-to-end tests: `<name> <seconds> s`, comma-separated. */
function chartSummary(bars: ComparisonBar[]): string {
  const parts = bars.map((b) =>
    b.key === 'ideal'
      ? s.idealPart(formatNumber(b.seconds, 2), idealWord(b.idealKind), runName(b))
      : s.part(b.name, formatNumber(b.seconds, 2), b.key === 'sequential' ? null : b.concurrency)
  )
  return s.summary(parts.join(', '))
}
