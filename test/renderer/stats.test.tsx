import { describe, expect, it } from 'vitest'
import {
  chartRows,
  comparisonBars,
  idealMs,
  idealOf,
  lastSequentialRun,
  latestByStrategy,
  runStats,
  slowestTaskMs,
  speedupOverSequential,
  throughput
} from '../../src/renderer/src/state/stats.ts'
import { secondTicks } from '../../src/renderer/src/state/time-axis.ts'
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
      concurrency: 4,
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
      ideal: {
        ms: 3500,
        kind: 'bound',
        formula: 'max(slowest image 3.50 s, sum of image times 5.50 s ÷ 2 lanes = 2.75 s)'
      }
    })
  })
})

describe('comparison chart', () => {
  const sequential = record({
    runId: 'seq',
    strategy: 'sequential',
    startedAt: 1,
    elapsedMs: 23_000,
    tasks: [taskRecord({ startMs: 0, endMs: 1030 }), taskRecord({ startMs: 1030, endMs: 2000 })]
  })
  const pool = record({
    runId: 'pool',
    strategy: 'pool',
    concurrency: 3,
    startedAt: 5,
    elapsedMs: 1800,
    tasks: [taskRecord({ startMs: 0, endMs: 950 }), taskRecord({ startMs: 10, endMs: 900 })]
  })
  const history = [
    sequential,
    record({ runId: 'w1', strategy: 'workers', concurrency: 19, startedAt: 2, elapsedMs: 6000 }),
    record({ runId: 'w2', strategy: 'workers', concurrency: 19, startedAt: 3, elapsedMs: 5000 }),
    record({ runId: 'w3', strategy: 'workers', startedAt: 4, elapsedMs: 100, cancelled: 3 }),
    record({ runId: 'x', strategy: 'pool', startedAt: 6, elapsedMs: 4000, sourceKey: 'other' }),
    pool
  ]

  it('takes the latest complete run of each strategy on the shown run’s source', () => {
    expect(Object.keys(latestByStrategy(history, 'download', 'sim-15'))).toEqual([
      'pool',
      'workers',
      'sequential'
    ])
    expect(comparisonBars(history, pool).map((b) => [b.key, b.seconds, b.runId])).toEqual([
      ['sequential', 23, 'seq'],
      ['workers', 5, 'w2'],
      ['pool', 1.8, 'pool'],
      ['ideal', 0.95, 'pool']
    ])
  })

  it('takes the ideal from the run shown, as its Ideal stat does, not from another run', () => {
    // The sequential run's bound (its images one after another, 2.00 s) is not the pool run's
    // (its slowest image, 0.95 s, more than 1.84 s of images on 2 lanes).
    const ideal = comparisonBars(history, pool).at(-1)
    expect(ideal).toEqual({
      key: 'ideal',
      name: 'Ideal',
      idealKind: 'bound',
      seconds: 0.95,
      runId: 'pool',
      strategy: 'pool',
      concurrency: 3
    })
    expect(ideal?.seconds).toBe(runStats(history, pool).ideal!.ms / 1000)
    expect(comparisonBars(history, sequential).at(-1)).toMatchObject({
      key: 'ideal',
      seconds: 2,
      runId: 'seq'
    })
  })

  it('draws no ideal for an incomplete run shown: its failed or cancelled images have no time', () => {
    const failed = record({
      runId: 'f',
      strategy: 'workers',
      startedAt: 9,
      failed: 1,
      ok: 1,
      tasks: [taskRecord({ startMs: 0, endMs: 400 }), taskRecord({ taskId: 1, status: 'failed' })]
    })
    const keys = comparisonBars([...history, failed], failed).map((b) => b.key)
    expect(keys).toEqual(['sequential', 'workers', 'pool'])
    expect(runStats(history, failed).ideal).toBeNull()
    expect(idealMs(failed)).toBeNull()
    expect(idealMs(pool)).toBe(950)
  })

  it('is empty when nothing on the source is complete', () => {
    const cancelled = record({ runId: 'c', sourceKey: 'new', cancelled: 1, tasks: [taskRecord()] })
    expect(comparisonBars([cancelled], cancelled)).toEqual([])
  })

  it('labels the axis short, names the ideal’s run, and keeps the full names for tooltips', () => {
    const rows = chartRows(comparisonBars(history, pool))
    expect(rows.map((r) => [r.label, r.sub, r.full])).toEqual([
      ['Sequential', null, 'Sequential'],
      ['Worker threads × 19', null, 'Worker threads × 19'],
      ['Pool (p-limit) × 3', null, 'Promise pool (p-limit) × 3'],
      [
        'Ideal',
        'lower bound, Pool (p-limit) × 3',
        'Ideal (a lower bound) for the Promise pool (p-limit) × 3 run'
      ]
    ])
  })

  it('has round ticks in seconds, from 0 past the longest bar', () => {
    expect(secondTicks(3.69)).toEqual([0, 1, 2, 3, 4])
    expect(secondTicks(9.92)).toEqual([0, 2.5, 5, 7.5, 10])
    expect(secondTicks(10.02)).toEqual([0, 2, 4, 6, 8, 10, 12])
    expect(secondTicks(22.54)).toEqual([0, 5, 10, 15, 20, 25])
    expect(secondTicks(0.47)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5])
    expect(secondTicks(4)).toEqual([0, 1, 2, 3, 4])
    expect(secondTicks(0)).toEqual([0, 1])
  })
})

describe('idealOf', () => {
  const simulated = { count: 15, sizeKB: 3584, latencyMs: 150, bandwidthKBps: 20480 }
  const run = (overrides: Parameters<typeof record>[0]) =>
    record({ count: 15, ok: 15, simulated, tasks: [taskRecord()], ...overrides })

  it('is exact on the simulated CDN: ⌈n ÷ lanes⌉ rounds of latency + size ÷ bandwidth', () => {
    // 150 ms + 3584 KB at 20480 KB/s (175 ms) = 325 ms an image.
    expect(idealOf(run({ strategy: 'pool', concurrency: 15 }))).toMatchObject({
      ms: 325,
      kind: 'exact'
    })
    expect(idealOf(run({ strategy: 'workers', concurrency: 4 }))).toMatchObject({ ms: 4 * 325 })
    // Sequential: the sum, whatever concurrency the record says.
    expect(idealOf(run({ strategy: 'sequential', concurrency: 8 }))).toEqual({
      ms: 15 * 325,
      kind: 'exact',
      formula: '15 × (150 ms + 3584 KB ÷ 20480 KB/s) = 15 × 0.33 s = 4.88 s'
    })
    // Unlimited bandwidth: latency alone.
    expect(
      idealOf(
        run({ strategy: 'pool', concurrency: 5, simulated: { ...simulated, bandwidthKBps: 0 } })
      )?.ms
    ).toBe(3 * 150)
  })

  it('is a lower bound elsewhere: the slowest image, or the images spread over the lanes', () => {
    const tasks = [0, 1, 2, 3].map((taskId) => taskRecord({ taskId, startMs: 0, endMs: 1000 }))
    // Four images of 1 s on two lanes cannot take less than 2 s, though none took more than 1 s.
    expect(
      idealOf(record({ strategy: 'pool', concurrency: 2, count: 4, ok: 4, tasks }))
    ).toMatchObject({ ms: 2000, kind: 'bound' })
    expect(idealOf(record({ strategy: 'pool', concurrency: 8, count: 4, ok: 4, tasks }))?.ms).toBe(
      1000
    )
  })
})
