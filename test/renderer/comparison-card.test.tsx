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
  it('shows one ideal of the run shown, a lower bound from its images, in the stat and the chart', () => {
    render(<ComparisonCard run={null} history={[sequential, pool]} />)
    expect(stat('Ideal')).toHaveTextContent('0.95 s')
    const chart = within(timing()).getByRole('img', { name: /^Elapsed by strategy/ })
    expect(chart).toHaveAccessibleName(
      'Elapsed by strategy: Sequential 9.90 s, Promise pool (p-limit) 2.00 s (× 3), ' +
        'Ideal 0.95 s (a lower bound, for the Promise pool (p-limit) × 3 run)'
    )
    expect(
      within(timing()).getByText(
        /^Ideal of the last run, Promise pool \(p-limit\) × 3: a lower bound, max\(slowest image, sum of image times ÷ lanes\)/
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
    expect(within(timing()).queryByText(/^Ideal of/)).not.toBeInTheDocument()
  })

  it('gives a run on the simulated CDN its exact ideal, with the formula in a tooltip', () => {
    const simulated = { count: 15, sizeKB: 3584, latencyMs: 150, bandwidthKBps: 20480 }
    const run = record({
      runId: 'sim',
      strategy: 'pool',
      concurrency: 5,
      count: 15,
      ok: 15,
      simulated,
      tasks: [taskRecord({ startMs: 0, endMs: 400 })]
    })
    render(<ComparisonCard run={null} history={[run]} />)
    // ⌈15 ÷ 5⌉ rounds of 150 ms + 3584 KB at 20480 KB/s (175 ms): 3 × 325 ms.
    expect(stat('Ideal')).toHaveTextContent('0.97 sexact for this CDN')
    expect(stat('Ideal')?.parentElement).toHaveAttribute(
      'title',
      '⌈15 ÷ 5⌉ × (150 ms + 3584 KB ÷ 20480 KB/s) = 3 × 0.33 s = 0.97 s'
    )
    expect(within(timing()).getByText(/^Ideal of the last run/)).toHaveTextContent(
      'exact for the simulated CDN, ⌈images ÷ lanes⌉ × (latency + size ÷ bandwidth)'
    )
  })
})
