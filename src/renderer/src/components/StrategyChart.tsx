import { memo } from 'react'
import { Bar, BarChart, CartesianGrid, Cell, LabelList, XAxis, YAxis, Tooltip } from 'recharts'
import type { ComparisonBar } from '../state/stats.ts'

const COLORS: Record<ComparisonBar['key'], string> = {
  sequential: 'var(--c-sequential)',
  workers: 'var(--c-workers)',
  pool: 'var(--c-pool)',
  ideal: 'var(--c-ideal)'
}

/** The latest run of each strategy, and the ideal, in seconds. */
export const StrategyChart = memo(function StrategyChart({ bars }: { bars: ComparisonBar[] }) {
  const data = bars.map((bar) => ({
    ...bar,
    label:
      bar.key === 'ideal'
        ? 'Ideal (slowest image)'
        : bar.concurrency && bar.key !== 'sequential'
          ? `${bar.name} × ${bar.concurrency}`
          : bar.name
  }))
  return (
    <div className="strategy-chart" role="img" aria-label={chartSummary(bars)}>
      <BarChart
        data={data}
        layout="vertical"
        responsive
        style={{ width: '100%', height: 48 + bars.length * 40 }}
        margin={{ top: 4, right: 56, bottom: 4, left: 8 }}
      >
        <CartesianGrid horizontal={false} stroke="var(--border)" />
        <XAxis
          type="number"
          unit=" s"
          tick={{ fill: 'var(--muted)', fontSize: 12 }}
          stroke="var(--border)"
        />
        <YAxis
          type="category"
          dataKey="label"
          width={170}
          tick={{ fill: 'var(--text)', fontSize: 12 }}
          stroke="var(--border)"
        />
        <Tooltip
          cursor={{ fill: 'var(--surface-2)' }}
          formatter={(value) => [`${Number(value).toFixed(2)} s`, 'elapsed']}
          contentStyle={{
            background: 'var(--surface)',
            border: '1px solid var(--border)',
            borderRadius: 8,
            color: 'var(--text)'
          }}
        />
        <Bar dataKey="seconds" radius={[0, 4, 4, 0]} isAnimationActive={false} barSize={22}>
          {data.map((bar) => (
            <Cell key={bar.key} fill={COLORS[bar.key]} />
          ))}
          <LabelList
            dataKey="seconds"
            position="right"
            formatter={(value) => `${Number(value).toFixed(2)} s`}
            style={{ fill: 'var(--text)', fontSize: 12 }}
          />
        </Bar>
      </BarChart>
    </div>
  )
})

function chartSummary(bars: ComparisonBar[]): string {
  return `Elapsed by strategy: ${bars.map((b) => `${b.name} ${b.seconds.toFixed(2)} s`).join(', ')}`
}
