import type { RunEvent, RunStartedEvent, TaskInfo } from '../../../src/common/events.ts'
import type { RunRecord } from '../../../src/common/api.ts'
import type { TaskRecord } from '../../../src/common/events.ts'

export function downloadStarted(
  count: number,
  overrides: Partial<RunStartedEvent> = {}
): RunStartedEvent {
  const tasks: TaskInfo[] = Array.from({ length: count }, (_, i) => ({
    taskId: i,
    label: `https://images.example/photo-${i}`,
    fileName: `photo-${i}.jpg`
  }))
  return {
    type: 'run-started',
    runId: 'run-1',
    t: 0,
    kind: 'download',
    strategy: 'pool',
    concurrency: 4,
    startedAt: 1_700_000_000_000,
    tasks,
    dir: '/tmp/images',
    ...overrides
  }
}

export function sleepStarted(seconds: number[], overrides: Partial<RunStartedEvent> = {}) {
  return downloadStarted(0, {
    runId: 'sleep-1',
    kind: 'sleep',
    strategy: 'workers',
    concurrency: seconds.length,
    dir: undefined,
    mode: 'block',
    order: 'completed',
    tasks: seconds.map((s, i) => ({ taskId: i, label: `sleep ${s} s`, seconds: s })),
    ...overrides
  })
}

/** The events of a sleep run in time order, as an engine would emit them. */
export function sleepEvents(runId: string, seconds: number[], parallel: boolean): RunEvent[] {
  const events: RunEvent[] = []
  let clock = 0
  const ends: { taskId: number; t: number; s: number }[] = []
  seconds.forEach((s, taskId) => {
    const start = parallel ? 0 : clock
    events.push({ type: 'task-started', runId, t: start, taskId, lane: parallel ? taskId : 0 })
    clock = start + s * 1000
    ends.push({ taskId, t: clock, s })
    if (!parallel)
      events.push({
        type: 'task-finished',
        runId,
        t: clock,
        taskId,
        message: `Done Sleeping...${s}`
      })
  })
  if (parallel) {
    for (const end of ends.sort((a, b) => a.t - b.t)) {
      events.push({
        type: 'task-finished',
        runId,
        t: end.t,
        taskId: end.taskId,
        message: `Done Sleeping...${end.s}`
      })
    }
  }
  const elapsedMs = Math.max(...ends.map((e) => e.t)) + 4
  events.push({
    type: 'run-finished',
    runId,
    t: elapsedMs,
    elapsedMs,
    ok: seconds.length,
    failed: 0,
    cancelled: 0,
    bytes: 0
  })
  return events
}

export function record(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    runId: 'r',
    kind: 'download',
    strategy: 'sequential',
    concurrency: 1,
    sourceLabel: 'simulated CDN (15 × 3584 KB, 150 ms, 20480 KB/s)',
    sourceKey: 'sim-15',
    startedAt: 1,
    count: 2,
    bytes: 2 * 1024 * 1024,
    elapsedMs: 2000,
    ok: 2,
    failed: 0,
    cancelled: 0,
    interrupted: false,
    tasks: [],
    ...overrides
  }
}

export function taskRecord(overrides: Partial<TaskRecord> = {}): TaskRecord {
  return {
    taskId: 0,
    label: 'https://images.example/photo-0',
    status: 'done',
    bytes: 1024,
    startMs: 0,
    endMs: 1000,
    lane: 0,
    ...overrides
  }
}
