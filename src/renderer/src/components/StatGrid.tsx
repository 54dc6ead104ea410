import type { ReactNode } from 'react'

export interface Stat {
  label: string
  value: ReactNode
  note?: ReactNode
  tone?: 'good' | 'plain'
}

export function StatGrid({ stats, label }: { stats: Stat[]; label: string }) {
  return (
    <dl className="stat-grid" aria-label={label}>
      {stats.map((stat) => (
        <div key={stat.label} className={`stat ${stat.tone === 'good' ? 'stat--good' : ''}`}>
          <dt>{stat.label}</dt>
          <dd>
            <span className="stat-value">{stat.value}</span>
            {stat.note && <span className="stat-note">{stat.note}</span>}
          </dd>
        </div>
      ))}
    </dl>
  )
}
