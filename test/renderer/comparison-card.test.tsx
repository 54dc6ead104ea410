import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ComparisonCard } from '../../src/renderer/src/components/ComparisonCard.tsx'
import { record, taskRecord } from './helpers/events.ts'

const sequential = record({
  runId: 'seq',
  strategy: 'sequential',
  startedAt: 1,
  elapsedMs: 9900,
  tasks: [
    taskRecord({ startMs: 0, endMs: 1030 }),
    taskRecord({ taskId: 1, startMs: 1030, endMs: 1900 })
  ]
})
const pool = record({
  runId: 'pool',
  strategy: 'pool',
  concurrency: 3,
  startedAt: 2,
  elapsedMs: 2000,
  tasks: [taskRecord({ startMs: 0, endMs: 950 }), taskRecord({ taskId: 1, startMs: 5, endMs: 800 })]
})

const timing = () => screen.getByRole('region', { name: 'Timing' })
const stat = (label: string) =>
  within(within(timing()).getByLabelText('Last run')).getByText(label).nextElementSibling

describe('ComparisonCard', () => {
  it('shows one ideal, the slowest image of the run shown, in the stat and the chart', () => {
    render(<ComparisonCard run={null} history={[sequential, pool]} />)
    expect(stat('Ideal')).toHaveTextContent('0.95 s')
    const chart = within(timing()).getByRole('img', { name: /^Elapsed by strategy/ })
    expect(chart).toHaveAccessibleName(
      'Elapsed by strategy: Sequential 9.90 s, Promise pool (p-limit) 2.00 s (× 3), ' +
        'Ideal 0.95 s (the slowest image of the Promise pool (p-limit) × 3 run)'
    )
    expect(
      within(timing()).getByText(
        /^Ideal: the slowest single image of the last run, Promise pool \(p-limit\) × 3:/
      )
    ).toBeInTheDocument()
    // The sequential run's slowest image is no ideal of this one.
    expect(timing()).not.toHaveTextContent('1.03')
  })

  it('gives an incomplete run no ideal, in the stat or the chart', () => {
    const cancelled = record({
      runId: 'cancelled',
      strategy: 'workers',
      concurrency: 4,
      startedAt: 3,
      ok: 1,
      cancelled: 1,
      tasks: [
        taskRecord({ startMs: 0, endMs: 700 }),
        taskRecord({ taskId: 1, status: 'cancelled' })
      ]
    })
    render(<ComparisonCard run={null} history={[sequential, pool, cancelled]} />)
    expect(stat('Ideal')).toHaveTextContent('–An incomplete run has none')
    const chart = within(timing()).getByRole('img', { name: /^Elapsed by strategy/ })
    expect(chart.getAttribute('aria-label')).not.toMatch(/Ideal/)
    expect(within(timing()).queryByText(/^Ideal:/)).not.toBeInTheDocument()
  })
})
