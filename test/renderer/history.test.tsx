import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { HistoryCard } from '../../src/renderer/src/components/HistoryCard.tsx'
import { record, taskRecord } from './helpers/events.ts'

const runs = [
  record({
    runId: 'seq',
    strategy: 'sequential',
    startedAt: 1_700_000_000_000,
    elapsedMs: 22_500,
    tasks: [
      taskRecord({ startMs: 0, endMs: 1500 }),
      taskRecord({ taskId: 1, startMs: 1500, endMs: 3000 })
    ]
  }),
  record({
    runId: 'pool',
    strategy: 'pool',
    concurrency: 8,
    startedAt: 1_700_000_060_000,
    elapsedMs: 4500,
    failed: 1,
    ok: 1,
    tasks: [taskRecord({ lane: 0 }), taskRecord({ taskId: 1, lane: 1, status: 'failed' })]
  }),
  record({
    runId: 'sleep',
    kind: 'sleep',
    strategy: 'workers',
    startedAt: 1_700_000_090_000,
    mode: 'block'
  })
]

describe('HistoryCard', () => {
  it('lists the runs of its kind, newest first', () => {
    render(<HistoryCard history={runs} kind="download" onClear={vi.fn()} />)
    const rows = screen.getAllByRole('checkbox', { name: /^Compare/ })
    expect(rows).toHaveLength(2)
    const items = within(screen.getByRole('list')).getAllByRole('listitem')
    expect(items[0]).toHaveTextContent('Promise pool (p-limit) × 8')
    expect(items[0]).toHaveTextContent('1 ok · 1 failed')
    expect(items[1]).toHaveTextContent('Sequential')
    expect(items[1]).toHaveTextContent('22.5 s')
  })

  it('compares the runs the user ticks, side by side on one time scale', async () => {
    const user = userEvent.setup()
    render(<HistoryCard history={runs} kind="download" onClear={vi.fn()} />)
    for (const box of screen.getAllByRole('checkbox')) await user.click(box)
    const columns = screen.getAllByRole('article')
    expect(columns).toHaveLength(2)
    expect(columns[0]).toHaveTextContent('Promise pool (p-limit) × 8')
    expect(columns[0]).toHaveTextContent('Speedup5.0×')
    expect(columns[1]).toHaveTextContent('Speedup1.0×')
    // Both timelines end their axis at the longer run's end.
    for (const column of columns) expect(within(column).getByText('25 s')).toBeInTheDocument()
    await user.click(screen.getAllByRole('checkbox')[0]!)
    expect(screen.getAllByRole('article')).toHaveLength(1)
  })

  it('clears the history only once the user confirms', async () => {
    const user = userEvent.setup()
    const onClear = vi.fn(async () => undefined)
    render(<HistoryCard history={runs} kind="download" onClear={onClear} />)
    await user.click(screen.getByRole('button', { name: 'Clear history' }))
    await user.click(screen.getByRole('button', { name: 'Keep' }))
    expect(onClear).not.toHaveBeenCalled()
    await user.click(screen.getByRole('button', { name: 'Clear history' }))
    await user.click(screen.getByRole('button', { name: 'Clear' }))
    expect(onClear).toHaveBeenCalledTimes(1)
  })

  it('names each run’s strategy in full, with a title, and says a sleep’s mode once', () => {
    const sleeps = [
      record({
        runId: 's1',
        kind: 'sleep',
        strategy: 'pool',
        concurrency: 4,
        mode: 'timer',
        sourceLabel: 'sleep 1, 1.5, 0.5, 1 s (timer)'
      }),
      record({
        runId: 's2',
        kind: 'sleep',
        strategy: 'workers',
        concurrency: 2,
        startedAt: 2,
        mode: 'spin',
        sourceLabel: 'sleep 1, 1 s'
      })
    ]
    render(<HistoryCard history={sleeps} kind="sleep" onClear={vi.fn()} />)
    const [spin, timer] = within(screen.getByRole('list')).getAllByRole('listitem')
    const strategy = (item: HTMLElement | undefined) =>
      item!.querySelector<HTMLElement>('.history-strategy')!
    // The mode is in the source label already: not again next to the strategy.
    expect(strategy(timer)).toHaveTextContent(/^Promise pool \(p-limit\) × 4$/)
    expect(strategy(timer)).toHaveAttribute('title', 'Promise pool (p-limit) × 4 · timer')
    expect(within(timer!).getByTitle('sleep 1, 1.5, 0.5, 1 s (timer)')).toBeInTheDocument()
    // A label without it: the strategy says it.
    expect(strategy(spin)).toHaveTextContent(/^Worker threads × 2 · spin$/)
  })

  it('says when there is nothing yet', () => {
    render(<HistoryCard history={[]} kind="download" onClear={vi.fn()} />)
    expect(screen.getByText(/No runs yet/)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Clear history' })).not.toBeInTheDocument()
  })
})
