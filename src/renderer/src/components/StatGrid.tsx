import type { ReactNode } from 'react'

export interface Stat {
  label: string
  value: ReactNode
  note?: ReactNode
  tone?: 'good' | 'plain'
  /** A tooltip: how the value is worked out. */
  title?: string
}

export function StatGrid({ stats, label }: { stats: Stat[]; label: string }) {
  return (
    // A description list takes no name of its own: the group around it carries it.
    <div role="group" aria-label={label}>
      <dl className="stat-grid">
        {stats.map((stat) => (
          <div
            key={stat.label}
            className={`stat ${stat.tone === 'good' ? 'stat--good' : ''}`}
            title={stat.title}
          >
            <dt>{stat.label}</dt>
            <dd>
              <span className="stat-value">{stat.value}</span>
              {stat.note && <span className="stat-note">{stat.note}</span>}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
