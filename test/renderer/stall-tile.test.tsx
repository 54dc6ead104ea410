/**
 * The tile says "Stalled" while the engine's stall guard reports a body under
 * its floor (task-stall), before the image fails as `stalled`, and stops saying
 * so when the body picks up, when it is retried, or when it ends.
 */
import { render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { Tile } from '../../src/renderer/src/components/Tile.tsx'
import { errorTitle } from '../../src/renderer/src/state/error-text.ts'
import { initialRunsState, runsReducer } from '../../src/renderer/src/state/run-state.ts'
import type { RunsState } from '../../src/renderer/src/state/run-state.ts'
import { downloadStarted } from './helpers/events.ts'

const base = { runId: 'run-1', taskId: 0 }
function apply(state: RunsState, ...batch: RunEvent[]): RunsState {
  return runsReducer(state, { type: 'events', batch })
}
const stall = (t: number, stalled: boolean): RunEvent => ({
  ...base,
  t,
  type: 'task-stall',
  stalled,
  bytesPerSecond: stalled ? 100 : 5000
})

describe('a stalled download on its tile', () => {
  it('shows "Stalled" with the rate, and clears it when the body picks up or is retried', () => {
    let state = apply(initialRunsState, downloadStarted(1), {
      ...base,
      t: 1,
      type: 'task-started',
      lane: 0
    })
    state = apply(state, stall(2, true))
    const task = state.download?.tasks[0]
    expect(task?.stalled).toEqual({ bytesPerSecond: 100 })
    render(
      <div role="list">
        <Tile task={task!} strategy="pool" onShow={vi.fn()} onOpen={vi.fn()} />
      </div>
    )
    expect(screen.getByRole('status')).toHaveTextContent('Stalled · 100 B/s')

    expect(apply(state, stall(3, false)).download?.tasks[0]?.stalled).toBeUndefined()
    const retried = apply(state, {
      ...base,
      t: 3,
      type: 'task-retry',
      attempt: 2,
      code: 'stalled',
      message: 'stalled',
      delayMs: 10
    })
    expect(retried.download?.tasks[0]?.stalled).toBeUndefined()
    const failed = apply(state, {
      ...base,
      t: 4,
      type: 'task-failed',
      code: 'stalled',
      message: 'x'
    })
    expect(failed.download?.tasks[0]?.stalled).toBeUndefined()
  })

  it('names the new failures', () => {
    expect(errorTitle('stalled')).toBe('Stalled')
    expect(errorTitle('redirect_refused')).toBe('Redirect refused')
    expect(errorTitle('proxy_failed')).toBe('Proxy failed')
  })
})
