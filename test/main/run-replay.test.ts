import { afterEach, describe, expect, it } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { createRunReplay } from '../../src/main/service/runs/run-replay.ts'
import { until } from './helpers.ts'
import { disposeAll, openService } from './service-helpers.ts'

afterEach(disposeAll)

describe('the current run, for a window that loads mid-run', () => {
  it('a page loading during a run gets its events from run-started on, and the service runs on', async () => {
    const t = await openService()
    expect(await t.service.getCurrentRun()).toEqual([])
    const started = await t.service.startSleep({
      strategy: 'pool',
      concurrency: 2,
      seconds: [0.01, 30],
      mode: 'timer',
      order: 'completed'
    })
    if (!started.ok) throw new Error(started.error)
    const runId = started.value.runId
    // The short sleep is done and the long one goes on: the moment a crash reloads the page.
    await until(() => t.events().some((e) => e.type === 'task-finished'))
    const replayed = await t.service.getCurrentRun()
    expect(replayed[0]).toMatchObject({ type: 'run-started', runId, kind: 'sleep' })
    expect(replayed.filter((e) => e.type === 'task-started')).toHaveLength(2)
    expect(replayed.find((e) => e.type === 'task-finished')).toMatchObject({ taskId: 0 })
    expect(replayed.some((e) => e.type === 'run-finished')).toBe(false)

    // The reloaded page can still cancel the run it got back.
    expect(await t.service.cancelRun()).toBe(true)
    await t.finished(runId)
    const after = await t.service.getCurrentRun()
    expect(after.at(-1)).toMatchObject({ type: 'run-finished', runId, cancelled: 1 })
  })

  it('keeps a task’s latest progress only, and starts afresh with the next run', () => {
    const replay = createRunReplay()
    const base = { runId: 'a', t: 0 }
    const progress = (bytes: number): RunEvent => ({
      ...base,
      type: 'task-progress',
      taskId: 0,
      bytes,
      total: 100
    })
    replay.push([
      {
        ...base,
        type: 'run-started',
        kind: 'download',
        strategy: 'pool',
        concurrency: 1,
        startedAt: 0,
        tasks: [{ taskId: 0, label: 'u' }]
      },
      { ...base, type: 'task-started', taskId: 0, lane: 0 }
    ])
    replay.push([progress(10), progress(50)])
    replay.push([progress(90)])
    expect(replay.events().map((e) => e.type)).toEqual([
      'run-started',
      'task-started',
      'task-progress'
    ])
    expect(replay.events()[2]).toMatchObject({ bytes: 90 })
    expect(replay.running()).toBe(true)
    // An event of a run it never saw start is not attached to this one.
    replay.push([{ runId: 'other', t: 1, type: 'task-started', taskId: 5, lane: 0 }])
    expect(replay.events()).toHaveLength(3)
    replay.push([
      { ...base, type: 'run-finished', elapsedMs: 1, ok: 1, failed: 0, cancelled: 0, bytes: 90 }
    ])
    expect(replay.running()).toBe(false)
  })
})
