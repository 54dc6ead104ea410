import { describe, expect, it } from 'vitest'
import { bestPeer, toRow } from '../../bench/measure.ts'
import { scenarioTable, textTable } from '../../bench/report.ts'
import { expectedSleepMs } from '../../bench/scenarios/sleep-demo.ts'
import { fasterThan, withinOfIdeal } from '../../bench/targets.ts'
import type { Contender, RunSample } from '../../bench/types.ts'

const sample = (ms: number, extra: Partial<RunSample> = {}): RunSample => ({
  ms,
  ok: 15,
  total: 15,
  bytes: 15 * 1024 * 1024,
  ...extra
})

function contender(who: string, peer: boolean, concurrency: number, idealMs?: number): Contender {
  return { who, peer, concurrency, idealMs, runs: 3, run: () => Promise.resolve(sample(1)) }
}

describe('bench report', () => {
  const pool = toRow(contender('pool', false, 15, 325), [sample(340), sample(330), sample(400)])
  const curl = toRow(contender('curl --parallel', true, 15, 325), [
    sample(380),
    sample(360),
    sample(370)
  ])
  const python = toRow(contender('python threads', true, 15, 325), [
    sample(500),
    sample(450),
    sample(470)
  ])
  const rows = [pool, curl, python]

  it('turns runs into a row with median, min and max time', () => {
    expect(pool.time).toEqual({ median: 340, min: 330, max: 400, runs: 3 })
  })

  it('finds the fastest peer at the same concurrency', () => {
    expect(bestPeer(rows, 15)?.who).toBe('curl --parallel')
    expect(bestPeer(rows, 8)).toBeUndefined()
  })

  it('prints ratios to the ideal and to the best peer', () => {
    const table = scenarioTable(rows)
    const poolLine = table.split('\n').find((line) => line.startsWith('pool'))
    expect(poolLine).toContain('1.046') // 340 / 325
    expect(poolLine).toContain('0.919') // 340 / 370
    expect(table).toContain('×best peer')
  })

  it('compares a row with a peer only on a list as long', () => {
    const firstPart = toRow(contender('pool, first 5', false, 15), [
      sample(100, { ok: 5, total: 5 })
    ])
    const line = scenarioTable([...rows, firstPart])
      .split('\n')
      .find((l) => l.startsWith('pool, first 5'))
    expect(line).not.toContain('0.270') // 100 / 370: curl on all 15
  })

  it('lists a peer that did not run with its reason', () => {
    const missing = toRow(
      { ...contender('curl --parallel', true, 64), notRun: 'curl not installed' },
      []
    )
    expect(scenarioTable([missing])).toContain('curl --parallel ×64: not run: curl not installed')
  })

  it('reports memory growth when runs measured it', () => {
    const row = toRow(contender('pool', false, 1), [
      sample(900, { rssBeforeMiB: 80, peakRssMiB: 110 }),
      sample(950, { rssBeforeMiB: 82, peakRssMiB: 100 })
    ])
    expect(row.rssGrowth).toEqual({ median: 24, min: 18, max: 30, runs: 2 })
  })

  it('judges targets against the ideal and a peer', () => {
    expect(withinOfIdeal('pool within 5 %', pool, 0.05).status).toBe('met')
    expect(withinOfIdeal('pool within 2 %', pool, 0.02).status).toBe('missed')
    expect(fasterThan('pool vs curl', pool, curl, false).status).toBe('met')
    expect(fasterThan('pool vs missing', pool, undefined, false).status).toBe('not measured')
  })

  it('right-aligns numeric columns', () => {
    expect(
      textTable(
        ['a', 'n'],
        [
          ['x', '1.5'],
          ['yy', '10.25']
        ]
      )
    ).toBe(['a       n', '--  -----', 'x     1.5', 'yy  10.25'].join('\n'))
  })

  it('expects what the sleep lesson says', () => {
    expect(expectedSleepMs('sequential', 'timer', 10, 1.5, 2)).toBe(15_000)
    expect(expectedSleepMs('pool', 'timer', 10, 1.5, 2)).toBe(1500)
    expect(expectedSleepMs('pool', 'block', 10, 1.5, 2)).toBe(15_000)
    expect(expectedSleepMs('workers', 'block', 10, 1.5, 2)).toBe(1500)
    expect(expectedSleepMs('workers', 'spin', 10, 1.5, 2)).toBe(7500)
  })
})
