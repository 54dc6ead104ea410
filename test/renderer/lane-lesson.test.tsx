import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { RunEvent, RunStartedEvent } from '../../src/common/events.ts'
import { RunTimeline } from '../../src/renderer/src/components/RunTimeline.tsx'
import { initialRunsState, runsReducer } from '../../src/renderer/src/state/run-state.ts'
import type { RunView } from '../../src/renderer/src/state/run-state.ts'
import { downloadStarted, sleepStarted } from './helpers/events.ts'

/** A run whose tasks all started at once, task i on lane i and on thread `threadOf(i)`. */
function startedRun(started: RunStartedEvent, threadOf: (taskId: number) => number): RunView {
  const batch: RunEvent[] = [
    started,
    ...started.tasks.map(({ taskId }): RunEvent => ({
      type: 'task-started',
      runId: started.runId,
      t: 5,
      taskId,
      lane: taskId,
      thread: threadOf(taskId)
    }))
  ]
  const state = runsReducer(initialRunsState, { type: 'events', batch })
  const run = started.kind === 'sleep' ? state.sleep : state.download
  if (!run) throw new Error('no run')
  return run
}

describe('a workers timeline says what its rows are', () => {
  it('for downloads: one row per lane, and how many threads carry them', () => {
    const run = startedRun(
      downloadStarted(15, { strategy: 'workers', concurrency: 15 }),
      (id) => id % 2
    )
    render(<RunTimeline run={run} />)
    expect(screen.getByText(/One row per lane; 2 worker threads carry them/)).toBeInTheDocument()
    expect(screen.getByRole('img', { name: /15 lanes, 15 tasks/ })).toBeInTheDocument()
  })

  it('for sleeps: each lane on a worker thread of its own', () => {
    const run = startedRun(sleepStarted([1, 1, 1, 1]), (id) => id)
    render(<RunTimeline run={run} />)
    expect(screen.getByText(/each on a worker thread of its own/)).toBeInTheDocument()
    expect(screen.queryByText(/threads carry them/)).toBeNull()
  })
})
