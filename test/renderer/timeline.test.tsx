import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { Timeline, type TimelineTask } from '../../src/renderer/src/components/Timeline.tsx'
import { axisTicks, niceCeil, niceStep } from '../../src/renderer/src/state/time-axis.ts'

function bar(
  taskId: number,
  lane: number | null,
  startMs: number | null,
  endMs: number | null
): TimelineTask {
  return {
    taskId,
    label: `https://x/${taskId}.jpg`,
    status: startMs === null ? 'queued' : endMs === null ? 'running' : 'done',
    lane,
    startMs,
    endMs
  }
}

function rows(container: HTMLElement): Element[] {
  return [...container.querySelectorAll('g.timeline-row')]
}

function barsIn(row: Element): string[] {
  return [...row.querySelectorAll('rect.bar')].map((r) => r.getAttribute('data-task') ?? '')
}

describe('Timeline', () => {
  it('draws one row per lane, each task on its lane', () => {
    const tasks = [
      bar(0, 0, 0, 1000),
      bar(1, 1, 0, 800),
      bar(2, 1, 800, 1500),
      bar(3, 2, 10, null),
      bar(4, null, null, null)
    ]
    const { container } = render(
      <Timeline tasks={tasks} strategy="pool" lanes={3} elapsedMs={1600} live label="Timeline" />
    )
    const lanes = rows(container)
    expect(lanes.map((r) => r.getAttribute('data-lane'))).toEqual(['0', '1', '2'])
    expect(barsIn(lanes[0]!)).toEqual(['0'])
    expect(barsIn(lanes[1]!)).toEqual(['1', '2'])
    expect(barsIn(lanes[2]!)).toEqual(['3'])
    expect(screen.getByText('slot 1')).toBeInTheDocument()
    expect(screen.getByRole('img', { name: 'Timeline' })).toBeInTheDocument()
  })

  it('draws a sequential run as one lane whose bars follow each other', () => {
    const tasks = [bar(0, 0, 0, 1000), bar(1, 0, 1000, 2000), bar(2, 0, 2000, 3000)]
    const { container } = render(
      <Timeline
        tasks={tasks}
        strategy="sequential"
        lanes={1}
        elapsedMs={3000}
        live={false}
        label="t"
      />
    )
    expect(rows(container)).toHaveLength(1)
    const xs = [...container.querySelectorAll('rect.bar')].map((r) => Number(r.getAttribute('x')))
    expect(xs[0]).toBeLessThan(xs[1]!)
    expect(xs[1]).toBeLessThan(xs[2]!)
    expect(screen.getByText('main thread')).toBeInTheDocument()
  })

  it('draws a staircase with a row per task', () => {
    const tasks = [bar(0, 0, 0, 1000), bar(1, 0, 1000, 2000), bar(2, null, null, null)]
    const { container } = render(
      <Timeline
        tasks={tasks}
        strategy="sequential"
        lanes={1}
        elapsedMs={2000}
        live
        rows="tasks"
        label="t"
      />
    )
    const perTask = rows(container)
    expect(perTask).toHaveLength(3)
    expect(barsIn(perTask[0]!)).toEqual(['0'])
    expect(barsIn(perTask[1]!)).toEqual(['1'])
    expect(barsIn(perTask[2]!)).toEqual([])
  })

  it('grows a running bar with the clock, and makes room for lanes it did not expect', () => {
    const tasks = [bar(0, 0, 0, null), bar(1, 4, 0, 100)]
    const { container, rerender } = render(
      <Timeline
        tasks={tasks}
        strategy="workers"
        lanes={2}
        elapsedMs={500}
        domainMs={2000}
        live
        label="t"
      />
    )
    expect(rows(container)).toHaveLength(5)
    const width = (): number =>
      Number(container.querySelector('rect[data-task="0"]')?.getAttribute('width'))
    const before = width()
    rerender(
      <Timeline
        tasks={tasks}
        strategy="workers"
        lanes={2}
        elapsedMs={900}
        domainMs={2000}
        live
        label="t"
      />
    )
    expect(width()).toBeGreaterThan(before)
    expect(container.querySelector('.timeline-now')).not.toBeNull()
    expect(container.querySelector('rect[data-task="0"]')).toHaveClass('bar--running')
  })

  it('labels its time axis in seconds', () => {
    render(
      <Timeline
        tasks={[bar(0, 0, 0, 4200)]}
        strategy="workers"
        lanes={1}
        elapsedMs={4200}
        live={false}
        label="t"
      />
    )
    expect(screen.getByText('0 s')).toBeInTheDocument()
    expect(screen.getByText('2 s')).toBeInTheDocument()
  })
})

describe('time axis', () => {
  it('picks round steps', () => {
    expect(niceStep(0.7)).toBe(1)
    expect(niceStep(1.6)).toBe(2)
    expect(niceStep(230)).toBe(250)
    expect(niceStep(4200)).toBe(5000)
  })

  it('rounds the end up so that a live axis grows in jumps', () => {
    expect(niceCeil(4200)).toBe(5000)
    expect(niceCeil(1510)).toBe(1600)
    expect(niceCeil(22_540)).toBe(25_000)
  })

  it('gives ticks from zero to the end', () => {
    expect(axisTicks(5000, 5).map((t) => t.label)).toEqual([
      '0 s',
      '1 s',
      '2 s',
      '3 s',
      '4 s',
      '5 s'
    ])
    expect(axisTicks(1000, 4).map((t) => t.label)).toEqual([
      '0 s',
      '0.25 s',
      '0.5 s',
      '0.75 s',
      '1 s'
    ])
  })
})
