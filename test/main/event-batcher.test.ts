import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { createEventBatcher } from '../../src/main/service/runs/event-batcher.ts'

const runId = 'run'

function started(taskId: number, t: number): RunEvent {
  return { type: 'task-started', runId, t, taskId, lane: taskId % 4 }
}
function progress(taskId: number, t: number, bytes: number): RunEvent {
  return { type: 'task-progress', runId, t, taskId, bytes, total: 100_000 }
}
function finished(taskId: number, t: number): RunEvent {
  return { type: 'task-finished', runId, t, taskId, file: `/tmp/${taskId}.jpg`, bytes: 100_000 }
}
function runFinished(t: number): RunEvent {
  return { type: 'run-finished', runId, t, elapsedMs: t, ok: 1, failed: 0, cancelled: 0, bytes: 1 }
}

describe('event batcher', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('sends at most one batch per interval, however many events come', async () => {
    const batches: RunEvent[][] = []
    const batcher = createEventBatcher({
      intervalMs: 50,
      deliver: (batch) => batches.push(batch),
      now: () => Date.now()
    })
    // 500 images in flight, each reporting progress every millisecond for 2 s.
    for (let ms = 0; ms < 2000; ms++) {
      for (let task = 0; task < 500; task += 25) batcher.push(progress(task + (ms % 25), ms, ms))
      await vi.advanceTimersByTimeAsync(1)
    }
    await vi.advanceTimersByTimeAsync(100)
    // 2 s at one batch per 50 ms: 40 batches, give or take the edges.
    expect(batches.length).toBeGreaterThanOrEqual(38)
    expect(batches.length).toBeLessThanOrEqual(42)
    for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(500)
  })

  it('loses nothing: every event in order, and the latest progress of every task', async () => {
    const delivered: RunEvent[] = []
    const batcher = createEventBatcher({
      intervalMs: 50,
      deliver: (batch) => delivered.push(...batch),
      now: () => Date.now()
    })
    const pushed: RunEvent[] = []
    const push = (event: RunEvent): void => {
      pushed.push(event)
      batcher.push(event)
    }
    let t = 0
    for (let task = 0; task < 30; task++) push(started(task, t))
    for (let step = 1; step <= 200; step++) {
      t++
      for (let task = 0; task < 30; task++) {
        if (step === 100 + task) push(finished(task, t))
        else if (step < 100 + task) push(progress(task, t, step * 500))
      }
      await vi.advanceTimersByTimeAsync(1)
    }
    push(runFinished(t))
    // run-finished is delivered at once, without waiting for the timer.
    expect(delivered.at(-1)?.type).toBe('run-finished')

    const notProgress = (e: RunEvent): boolean => e.type !== 'task-progress'
    expect(delivered.filter(notProgress)).toEqual(pushed.filter(notProgress))
    for (let task = 0; task < 30; task++) {
      const lastPushed = pushed
        .filter((e) => e.type === 'task-progress' && e.taskId === task)
        .at(-1)
      const mine = delivered.filter((e) => 'taskId' in e && e.taskId === task)
      const lastProgress = mine.filter((e) => e.type === 'task-progress').at(-1)
      expect(lastProgress).toEqual(lastPushed)
      // Per task the order holds: started, progress..., finished.
      expect(mine[0]?.type).toBe('task-started')
      expect(mine.at(-1)?.type).toBe('task-finished')
    }
    expect(delivered.length).toBeLessThan(pushed.length / 5)
  })

  it('sends a lone event without waiting a whole interval', async () => {
    const batches: RunEvent[][] = []
    const batcher = createEventBatcher({
      intervalMs: 1000,
      deliver: (batch) => batches.push(batch),
      now: () => Date.now()
    })
    batcher.push(started(0, 0))
    await vi.advanceTimersByTimeAsync(0)
    expect(batches).toHaveLength(1)
  })

  it('sends nothing after dispose', async () => {
    const batches: RunEvent[][] = []
    const batcher = createEventBatcher({ intervalMs: 50, deliver: (b) => batches.push(b) })
    batcher.dispose()
    batcher.push(started(0, 0))
    await vi.advanceTimersByTimeAsync(100)
    expect(batches).toEqual([])
  })
})
