import { describe, expect, it } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import {
  elapsedOf,
  initialRunsState,
  isRunning,
  runsReducer,
  settledCount,
  type RunsState
} from '../../src/renderer/src/state/run-state.ts'
import { downloadStarted, sleepEvents, sleepStarted } from './helpers/events.ts'

function fold(batches: RunEvent[][], state: RunsState = initialRunsState): RunsState {
  return batches.reduce((s, batch) => runsReducer(s, { type: 'events', batch }), state)
}

const run = 'run-1'

describe('runsReducer: downloads', () => {
  it('starts a run with every task queued', () => {
    const state = fold([[downloadStarted(3)]])
    expect(state.activeRunId).toBe(run)
    expect(state.download?.tasks.map((t) => t.status)).toEqual(['queued', 'queued', 'queued'])
    expect(state.download?.tasks[1]?.fileName).toBe('photo-1.jpg')
    expect(state.download?.dir).toBe('/tmp/images')
    expect(isRunning(state.download)).toBe(true)
    expect(state.sleep).toBeNull()
  })

  it('follows a task from start through progress to finish', () => {
    const state = fold([
      [downloadStarted(2)],
      [
        { type: 'task-started', runId: run, t: 5, taskId: 0, lane: 2 },
        { type: 'task-progress', runId: run, t: 10, taskId: 0, bytes: 100, total: 400 }
      ]
    ])
    const task = state.download?.tasks[0]
    expect(task).toMatchObject({ status: 'running', lane: 2, startMs: 5, bytes: 100, total: 400 })
    expect(state.download?.lanes).toBe(3)
    expect(state.download?.running).toBe(1)
    expect(state.download?.bytes).toBe(100)

    const done = fold(
      [
        [
          { type: 'task-progress', runId: run, t: 20, taskId: 0, bytes: 400, total: 400 },
          {
            type: 'task-finished',
            runId: run,
            t: 30,
            taskId: 0,
            file: '/tmp/images/photo-0.jpg',
            bytes: 400
          }
        ]
      ],
      state
    )
    expect(done.download?.tasks[0]).toMatchObject({
      status: 'done',
      endMs: 30,
      bytes: 400,
      file: '/tmp/images/photo-0.jpg'
    })
    expect(done.download?.running).toBe(0)
    expect(done.download?.ok).toBe(1)
    expect(done.download?.bytes).toBe(400)
    expect(done.download?.lastT).toBe(30)
  })

  it('keeps the identity of tasks a batch does not touch, and copies the ones it does', () => {
    const before = fold([[downloadStarted(3)]])
    const after = fold([[{ type: 'task-started', runId: run, t: 1, taskId: 1, lane: 0 }]], before)
    expect(after.download?.tasks[0]).toBe(before.download?.tasks[0])
    expect(after.download?.tasks[2]).toBe(before.download?.tasks[2])
    expect(after.download?.tasks[1]).not.toBe(before.download?.tasks[1])
    // The previous state is left as it was.
    expect(before.download?.tasks[1]?.status).toBe('queued')
    expect(after.download?.tasks).not.toBe(before.download?.tasks)
  })

  it('folds a whole batch into one new state', () => {
    const before = fold([[downloadStarted(2)]])
    const batch: RunEvent[] = [
      { type: 'task-started', runId: run, t: 1, taskId: 0, lane: 0 },
      { type: 'task-started', runId: run, t: 1, taskId: 1, lane: 1 },
      { type: 'task-progress', runId: run, t: 2, taskId: 0, bytes: 10, total: null },
      { type: 'task-progress', runId: run, t: 3, taskId: 0, bytes: 20, total: null },
      { type: 'task-progress', runId: run, t: 3, taskId: 1, bytes: 5, total: 50 }
    ]
    const after = runsReducer(before, { type: 'events', batch })
    expect(after.download?.bytes).toBe(25)
    expect(after.download?.tasks[0]?.total).toBeNull()
  })

  it('records a failure with its code and message, and drops its bytes', () => {
    const state = fold([
      [downloadStarted(2)],
      [
        { type: 'task-started', runId: run, t: 1, taskId: 0, lane: 0 },
        { type: 'task-progress', runId: run, t: 2, taskId: 0, bytes: 300, total: 1000 },
        {
          type: 'task-failed',
          runId: run,
          t: 9,
          taskId: 0,
          code: 'truncated',
          message: 'The body ended early'
        }
      ]
    ])
    expect(state.download?.tasks[0]).toMatchObject({
      status: 'failed',
      endMs: 9,
      error: { code: 'truncated', message: 'The body ended early' },
      bytes: 0
    })
    expect(state.download?.failed).toBe(1)
    expect(state.download?.bytes).toBe(0)
    expect(settledCount(state.download!)).toBe(1)
  })

  it('marks cancelled tasks, queued or running, as cancelled', () => {
    const state = fold([
      [downloadStarted(2)],
      [
        { type: 'task-started', runId: run, t: 1, taskId: 0, lane: 0 },
        {
          type: 'task-failed',
          runId: run,
          t: 5,
          taskId: 0,
          code: 'cancelled',
          message: 'Cancelled'
        },
        {
          type: 'task-failed',
          runId: run,
          t: 5,
          taskId: 1,
          code: 'cancelled',
          message: 'Cancelled'
        },
        {
          type: 'run-finished',
          runId: run,
          t: 6,
          elapsedMs: 6,
          ok: 0,
          failed: 0,
          cancelled: 2,
          bytes: 0
        }
      ]
    ])
    expect(state.download?.tasks.map((t) => t.status)).toEqual(['cancelled', 'cancelled'])
    expect(state.download?.tasks[1]?.startMs).toBeNull()
    expect(state.download?.cancelled).toBe(2)
    expect(state.download?.running).toBe(0)
    expect(state.activeRunId).toBeNull()
  })

  it('shows a retry, then restarts the byte count for the next attempt', () => {
    const state = fold([
      [downloadStarted(1)],
      [
        { type: 'task-started', runId: run, t: 1, taskId: 0, lane: 0 },
        { type: 'task-progress', runId: run, t: 2, taskId: 0, bytes: 500, total: 1000 },
        {
          type: 'task-retry',
          runId: run,
          t: 3,
          taskId: 0,
          attempt: 2,
          code: 'reset',
          message: 'Connection reset',
          delayMs: 500
        }
      ]
    ])
    expect(state.download?.tasks[0]?.retry).toEqual({
      attempt: 2,
      code: 'reset',
      message: 'Connection reset'
    })
    expect(state.download?.tasks[0]?.bytes).toBe(0)
    expect(state.download?.bytes).toBe(0)
    const finished = fold(
      [[{ type: 'task-finished', runId: run, t: 9, taskId: 0, bytes: 1000, file: '/x.jpg' }]],
      state
    )
    expect(finished.download?.tasks[0]?.retry).toBeUndefined()
    expect(finished.download?.bytes).toBe(1000)
  })

  it('adds the thumbnail, even after the run finished', () => {
    const state = fold([
      [downloadStarted(1)],
      [
        { type: 'task-started', runId: run, t: 1, taskId: 0, lane: 0 },
        { type: 'task-finished', runId: run, t: 2, taskId: 0, bytes: 10, file: '/x.jpg' },
        {
          type: 'run-finished',
          runId: run,
          t: 3,
          elapsedMs: 3,
          ok: 1,
          failed: 0,
          cancelled: 0,
          bytes: 10
        }
      ],
      [
        {
          type: 'task-thumbnail',
          runId: run,
          t: 4,
          taskId: 0,
          url: 'thumb://x',
          width: 320,
          height: 200,
          ms: 12
        }
      ]
    ])
    expect(state.download?.tasks[0]?.thumbnail).toEqual({
      url: 'thumb://x',
      width: 320,
      height: 200
    })
  })

  it('notes a thumbnail that could not be made, the image still saved', () => {
    const state = fold([
      [downloadStarted(1)],
      [
        { type: 'task-started', runId: run, t: 1, taskId: 0, lane: 0 },
        { type: 'task-finished', runId: run, t: 2, taskId: 0, bytes: 10, file: '/x.jpg' },
        {
          type: 'task-thumbnail-failed',
          runId: run,
          t: 3,
          taskId: 0,
          message: 'Unsupported image format',
          ms: 4
        }
      ]
    ])
    expect(state.download?.tasks[0]).toMatchObject({
      status: 'done',
      thumbnailError: 'Unsupported image format'
    })
    expect(state.download?.tasks[0]?.thumbnail).toBeUndefined()
  })

  it('ignores repeated ends, unknown tasks and other runs', () => {
    const state = fold([
      [downloadStarted(1)],
      [
        { type: 'task-started', runId: run, t: 1, taskId: 0, lane: 0 },
        { type: 'task-finished', runId: run, t: 2, taskId: 0, bytes: 10 },
        { type: 'task-finished', runId: run, t: 3, taskId: 0, bytes: 10 },
        { type: 'task-failed', runId: run, t: 3, taskId: 0, code: 'timeout', message: 'late' },
        { type: 'task-started', runId: run, t: 3, taskId: 99, lane: 0 },
        { type: 'task-started', runId: 'someone-else', t: 3, taskId: 0, lane: 5 }
      ]
    ])
    expect(state.download?.ok).toBe(1)
    expect(state.download?.failed).toBe(0)
    expect(state.download?.tasks[0]?.status).toBe('done')
    expect(state.download?.lanes).toBe(1)
  })

  it('takes the totals of run-finished as final', () => {
    const state = fold([
      [downloadStarted(1)],
      [
        {
          type: 'run-finished',
          runId: run,
          t: 50,
          elapsedMs: 48,
          ok: 0,
          failed: 0,
          cancelled: 1,
          bytes: 0
        }
      ]
    ])
    expect(state.download?.finished).toEqual({
      elapsedMs: 48,
      ok: 0,
      failed: 0,
      cancelled: 1,
      bytes: 0
    })
    // What the progress line shows: the run's own counts.
    expect(state.download).toMatchObject({ ok: 0, failed: 0, cancelled: 1 })
    expect(isRunning(state.download)).toBe(false)
    expect(elapsedOf(state.download!, Date.now())).toBe(48)
  })

  it('ticks the elapsed time from the wall clock while running, never behind the events', () => {
    const state = fold([
      [downloadStarted(1)],
      [{ type: 'task-started', runId: run, t: 700, taskId: 0, lane: 0 }]
    ])
    const startedAt = state.download!.startedAt
    expect(elapsedOf(state.download!, startedAt + 1500)).toBe(1500)
    expect(elapsedOf(state.download!, startedAt + 100)).toBe(700)
  })

  it('keeps the last download while a sleep run goes, and replaces a run of the same kind', () => {
    let state = fold([[downloadStarted(1)]])
    state = fold([[sleepStarted([1])]], state)
    expect(state.download?.runId).toBe(run)
    expect(state.sleep?.runId).toBe('sleep-1')
    expect(state.activeRunId).toBe('sleep-1')
    state = fold([[downloadStarted(2, { runId: 'run-2' })]], state)
    expect(state.download?.runId).toBe('run-2')
    expect(state.download?.tasks).toHaveLength(2)
  })

  it('handles a run that starts and finishes in the same batch', () => {
    const state = fold([
      [
        downloadStarted(1),
        { type: 'task-started', runId: run, t: 1, taskId: 0, lane: 0 },
        { type: 'task-finished', runId: run, t: 2, taskId: 0, bytes: 7 },
        {
          type: 'run-finished',
          runId: run,
          t: 3,
          elapsedMs: 3,
          ok: 1,
          failed: 0,
          cancelled: 0,
          bytes: 7
        }
      ]
    ])
    expect(state.download?.tasks[0]?.status).toBe('done')
    expect(state.activeRunId).toBeNull()
  })

  it('returns the same state for an empty batch', () => {
    const state = fold([[downloadStarted(1)]])
    expect(runsReducer(state, { type: 'events', batch: [] })).toBe(state)
  })
})

describe('runsReducer: the sleep console', () => {
  const lines = (state: RunsState): string[] => state.sleep?.console.map((l) => l.text) ?? []

  it('prints the first example of the tutorial, one sleep after another', () => {
    const state = fold([
      [sleepStarted([1, 1], { strategy: 'sequential', concurrency: 1 })],
      sleepEvents('sleep-1', [1, 1], false)
    ])
    expect(lines(state)).toEqual([
      'Sleeping 1 second(s)...',
      'Done Sleeping...1',
      'Sleeping 1 second(s)...',
      'Done Sleeping...1',
      'Finished in 2.0 second(s)'
    ])
  })

  it('prints as_completed results in finishing order', () => {
    const seconds = [5, 4, 3, 2, 1]
    const state = fold([
      [sleepStarted(seconds, { order: 'completed' })],
      sleepEvents('sleep-1', seconds, true)
    ])
    expect(lines(state)).toEqual([
      'Sleeping 5 second(s)...',
      'Sleeping 4 second(s)...',
      'Sleeping 3 second(s)...',
      'Sleeping 2 second(s)...',
      'Sleeping 1 second(s)...',
      'Done Sleeping...1',
      'Done Sleeping...2',
      'Done Sleeping...3',
      'Done Sleeping...4',
      'Done Sleeping...5',
      'Finished in 5.0 second(s)'
    ])
  })

  it('prints map results in input order, each once those before it are in', () => {
    const seconds = [5, 4, 3, 2, 1]
    let state = fold([[sleepStarted(seconds, { order: 'submitted' })]])
    const events = sleepEvents('sleep-1', seconds, true)
    // Up to the 4 s sleep finishing: nothing printed yet but the starts.
    const firstFour = events.slice(0, 9)
    state = fold([firstFour], state)
    expect(lines(state).filter((l) => l.startsWith('Done'))).toEqual([])
    state = fold([events.slice(9)], state)
    expect(lines(state).slice(5)).toEqual([
      'Done Sleeping...5',
      'Done Sleeping...4',
      'Done Sleeping...3',
      'Done Sleeping...2',
      'Done Sleeping...1',
      'Finished in 5.0 second(s)'
    ])
    expect(state.sleep?.order).toBe('submitted')
  })

  it('spells fractional seconds as Python does, and rounds the total to two places', () => {
    const state = fold([
      [sleepStarted([1.5, 1.5])],
      [
        { type: 'task-started', runId: 'sleep-1', t: 0, taskId: 0, lane: 0 },
        { type: 'task-started', runId: 'sleep-1', t: 1, taskId: 1, lane: 1 },
        { type: 'task-finished', runId: 'sleep-1', t: 1500, taskId: 0 },
        {
          type: 'task-finished',
          runId: 'sleep-1',
          t: 1502,
          taskId: 1,
          message: 'Done Sleeping...1.5'
        },
        {
          type: 'run-finished',
          runId: 'sleep-1',
          t: 1507,
          elapsedMs: 1507,
          ok: 2,
          failed: 0,
          cancelled: 0,
          bytes: 0
        }
      ]
    ])
    expect(lines(state)).toEqual([
      'Sleeping 1.5 second(s)...',
      'Sleeping 1.5 second(s)...',
      'Done Sleeping...1.5',
      'Done Sleeping...1.5',
      'Finished in 1.51 second(s)'
    ])
    expect(state.sleep?.console.map((l) => l.tone)).toEqual([
      'start',
      'start',
      'result',
      'result',
      'summary'
    ])
  })

  it('prints cancelled tasks in place and flushes map results at the end', () => {
    const state = fold([
      [sleepStarted([2, 1], { order: 'submitted' })],
      [
        { type: 'task-started', runId: 'sleep-1', t: 0, taskId: 0, lane: 0 },
        { type: 'task-started', runId: 'sleep-1', t: 0, taskId: 1, lane: 1 },
        {
          type: 'task-finished',
          runId: 'sleep-1',
          t: 1000,
          taskId: 1,
          message: 'Done Sleeping...1'
        },
        {
          type: 'task-failed',
          runId: 'sleep-1',
          t: 1200,
          taskId: 0,
          code: 'cancelled',
          message: 'Cancelled'
        },
        {
          type: 'run-finished',
          runId: 'sleep-1',
          t: 1201,
          elapsedMs: 1201,
          ok: 1,
          failed: 0,
          cancelled: 1,
          bytes: 0
        }
      ]
    ])
    expect(lines(state).slice(2)).toEqual([
      'Cancelled: sleep 2 s',
      'Done Sleeping...1',
      'Finished in 1.2 second(s)'
    ])
  })

  it('never prints a console for downloads', () => {
    const state = fold([
      [downloadStarted(1)],
      [
        { type: 'task-started', runId: run, t: 1, taskId: 0, lane: 0 },
        { type: 'task-finished', runId: run, t: 2, taskId: 0, bytes: 1 },
        {
          type: 'run-finished',
          runId: run,
          t: 3,
          elapsedMs: 3,
          ok: 1,
          failed: 0,
          cancelled: 0,
          bytes: 1
        }
      ]
    ])
    expect(state.download?.console).toEqual([])
  })
})
