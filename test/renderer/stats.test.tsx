import { describe, expect, it } from 'vitest'
import {
  comparisonBars,
  lastSequentialRun,
  latestByStrategy,
  runStats,
  slowestTaskMs,
  speedupOverSequential,
  throughput
} from '../../src/renderer/src/state/stats.ts'
import { record, taskRecord } from './helpers/events.ts'

describe('throughput', () => {
  it('gives images and megabytes per second of wall time', () => {
    expect(throughput(2000, 10, 8 * 1024 * 1024)).toEqual({ imagesPerSec: 5, mbPerSec: 4 })
  })

  it('gives zero for a run without time', () => {
    expect(throughput(0, 3, 100)).toEqual({ imagesPerSec: 0, mbPerSec: 0 })
  })
})

describe('slowestTaskMs', () => {
  it('is the longest task that succeeded', () => {
    const tasks = [
      taskRecord({ startMs: 0, endMs: 900 }),
      taskRecord({ startMs: 100, endMs: 1600 }),
      taskRecord({ startMs: 0, endMs: 9000, status: 'failed' }),
      taskRecord({ startMs: null, endMs: null, status: 'cancelled' })
    ]
    expect(slowestTaskMs(tasks)).toBe(1500)
  })

  it('is null when nothing succeeded', () => {
    expect(slowestTaskMs([taskRecord({ status: 'failed' })])).toBeNull()
  })
})

describe('speedup over sequential', () => {
  const history = [
    record({ runId: 'seq-old', strategy: 'sequential', startedAt: 1, elapsedMs: 30_000 }),
    record({ runId: 'seq', strategy: 'sequential', startedAt: 2, elapsedMs: 24_000 }),
    record({
      runId: 'seq-failed',
      strategy: 'sequential',
      startedAt: 3,
      elapsedMs: 1000,
      failed: 1
    }),
    record({
      runId: 'seq-other',
      strategy: 'sequential',
      startedAt: 4,
      elapsedMs: 9000,
      sourceKey: 'other'
    }),
    record({ runId: 'pool', strategy: 'pool', concurrency: 8, startedAt: 5, elapsedMs: 4000 }),
    record({ runId: 'sleep', kind: 'sleep', strategy: 'sequential', startedAt: 6, elapsedMs: 2000 })
  ]

  it('compares with the latest complete sequential run of the same source', () => {
    expect(lastSequentialRun(history, { kind: 'download', sourceKey: 'sim-15' })?.runId).toBe('seq')
    expect(
      speedupOverSequential(history, { kind: 'download', sourceKey: 'sim-15', elapsedMs: 4000 })
    ).toBe(6)
  })

  it('has nothing to compare with for a source never run sequentially', () => {
    expect(
      speedupOverSequential(history, { kind: 'download', sourceKey: 'new', elapsedMs: 4000 })
    ).toBeNull()
  })

  it('puts it all in one summary', () => {
    const pool = record({
      runId: 'p',
      strategy: 'pool',
      elapsedMs: 4000,
      ok: 8,
      bytes: 16 * 1024 * 1024,
      tasks: [taskRecord({ startMs: 0, endMs: 3500 }), taskRecord({ startMs: 10, endMs: 2010 })]
    })
    expect(runStats(history, pool)).toEqual({
      elapsedMs: 4000,
      imagesPerSec: 2,
      mbPerSec: 4,
      speedup: 6,
      sequentialRunId: 'seq',
      slowestMs: 3500
    })
  })
})

describe('comparison chart', () => {
  it('takes the latest complete run of each strategy, and the ideal from the sequential run', () => {
    const history = [
      record({
        runId: 'seq',
        strategy: 'sequential',
        startedAt: 1,
        elapsedMs: 23_000,
        tasks: [taskRecord({ startMs: 0, endMs: 1800 }), taskRecord({ startMs: 1800, endMs: 3000 })]
      }),
      record({ runId: 'w1', strategy: 'workers', concurrency: 19, startedAt: 2, elapsedMs: 6000 }),
      record({ runId: 'w2', strategy: 'workers', concurrency: 19, startedAt: 3, elapsedMs: 5000 }),
      record({ runId: 'w3', strategy: 'workers', startedAt: 4, elapsedMs: 100, cancelled: 3 }),
      record({ runId: 'x', strategy: 'pool', startedAt: 5, elapsedMs: 4000, sourceKey: 'other' })
    ]
    expect(Object.keys(latestByStrategy(history, 'download', 'sim-15'))).toEqual([
      'workers',
      'sequential'
    ])
    expect(comparisonBars(history, 'download', 'sim-15')).toEqual([
      { key: 'sequential', name: 'Sequential', seconds: 23, runId: 'seq', concurrency: 1 },
      { key: 'workers', name: 'Worker threads', seconds: 5, runId: 'w2', concurrency: 19 },
      { key: 'ideal', name: 'Ideal', seconds: 1.8, runId: null, concurrency: null }
    ])
  })

  it('takes the ideal from the latest run when none was sequential', () => {
    const history = [
      record({
        runId: 'a',
        strategy: 'pool',
        startedAt: 1,
        tasks: [taskRecord({ startMs: 0, endMs: 900 })]
      }),
      record({
        runId: 'b',
        strategy: 'workers',
        startedAt: 2,
        tasks: [taskRecord({ startMs: 0, endMs: 700 })]
      })
    ]
    const bars = comparisonBars(history, 'download', 'sim-15')
    expect(bars.at(-1)).toMatchObject({ key: 'ideal', seconds: 0.7 })
  })

  it('is empty without runs', () => {
    expect(comparisonBars([], 'download', 'sim-15')).toEqual([])
  })
})
