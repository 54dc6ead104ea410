import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { RunTimeline } from '../../src/renderer/src/components/RunTimeline.tsx'
import { initialRunsState, runsReducer } from '../../src/renderer/src/state/run-state.ts'
import type { RunView } from '../../src/renderer/src/state/run-state.ts'
import { threadStartMs } from '../../src/renderer/src/state/thread-start.ts'
import { downloadStarted } from './helpers/events.ts'

function runWithFirstStarts(strategy: 'workers' | 'pool', starts: number[]): RunView {
  const batch: RunEvent[] = [
    downloadStarted(starts.length, { strategy, concurrency: starts.length }),
    ...starts.map((t, taskId): RunEvent => ({
      type: 'task-started',
      runId: 'run-1',
      t,
      taskId,
      lane: taskId
    }))
  ]
  const state = runsReducer(initialRunsState, { type: 'events', batch })
  if (!state.download) throw new Error('no run')
  return state.download
}

describe('the threads starting up, on a workers timeline', () => {
  it('is measured from the run start to its first task start', () => {
    expect(threadStartMs(runWithFirstStarts('workers', [612, 540, 700]))).toBe(540)
  })

  it('is not mentioned for a kept pool that starts at once, nor for the promise pool', () => {
    expect(threadStartMs(runWithFirstStarts('workers', [3, 4]))).toBeNull()
    expect(threadStartMs(runWithFirstStarts('pool', [540, 600]))).toBeNull()
  })

  it('is said under the timeline', () => {
    render(<RunTimeline run={runWithFirstStarts('workers', [540, 560])} />)
    expect(screen.getByText(/The first 0\.54 s: the threads starting up\./)).toBeInTheDocument()
  })
})
