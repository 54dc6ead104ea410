import { expect, test, type Locator } from '@playwright/test'
import type { Strategy } from '../../src/common/defaults.ts'
import { maxConcurrent, overlapsOnDifferentLanes } from '../../test/helpers/intervals.ts'
import type { Interval } from '../../test/helpers/intervals.ts'
import type { Driver } from '../harness/driver.ts'
import {
  SOURCE,
  chooseSimulatedSource,
  chooseStrategy,
  definitions,
  downloadPanel,
  runEnded,
  seconds,
  startDownload
} from './ui.ts'

/** The bars of the run's timeline: each task's lane and its start and end, in seconds. */
async function timelineBars(panel: Locator): Promise<Interval[]> {
  const timeline = panel.getByRole('img', { name: /^Timeline of the run/ })
  const titles = await timeline.locator('rect[data-task] > title').allTextContents()
  const lanes = new Map<string, number>()
  return titles.map((title) => {
    const match = /^.*? · (.*?) · ([\d.]+)–([\d.]+) s \(done\)$/.exec(title)
    if (!match) throw new Error(`unexpected bar title: ${title}`)
    if (!lanes.has(match[1]!)) lanes.set(match[1]!, lanes.size)
    return { lane: lanes.get(match[1]!)!, startMs: Number(match[2]), endMs: Number(match[3]) }
  })
}

/**
 * The same list with each strategy: the timeline shows sequential one image
 * at a time on one lane and the pools overlapping on several; the timing
 * card's chart shows the three runs, and each run's speedup over sequential.
 * How much faster the pools are is the benchmark's to measure.
 */
export async function compareStrategies(driver: Driver): Promise<void> {
  // Three runs of 15 latency-bound images, and worker threads to start: on a busy machine
  // the sequential run alone (9.4 s of latency and body) took over 30 s.
  test.setTimeout(300_000)
  const { page } = driver
  const panel = downloadPanel(page)
  await chooseSimulatedSource(page, SOURCE)

  const runs: [Strategy, number][] = [
    ['sequential', 1],
    ['workers', 5],
    ['pool', 5]
  ]
  for (const [strategy, concurrency] of runs) {
    await test.step(`run with ${strategy}`, async () => {
      await chooseStrategy(panel, strategy, concurrency)
      await startDownload(page, SOURCE.count)
      expect(await runEnded(panel, 120_000)).toBe('Finished')
      const bars = await timelineBars(panel)
      expect(bars).toHaveLength(SOURCE.count)
      if (strategy === 'sequential') {
        // A staircase: each image starts once the one before it has ended.
        expect(new Set(bars.map((bar) => bar.lane)).size).toBe(1)
        expect(maxConcurrent(bars)).toBe(1)
      } else {
        // Images wait for the latency together, on different lanes.
        expect(overlapsOnDifferentLanes(bars).length, strategy).toBeGreaterThan(0)
      }
    })
  }

  const timing = panel.getByRole('region', { name: 'Timing' })
  const chart = timing.getByRole('img', { name: /^Elapsed by strategy:/ })
  await test.step('the chart shows the three runs with their times', async () => {
    await expect(chart).toBeVisible()
    const label = (await chart.getAttribute('aria-label')) ?? ''
    const times = Object.fromEntries(
      [
        ...label.matchAll(/(Sequential|Worker threads|Promise pool \(p-limit\)|Ideal) ([\d.]+) s/g)
      ].map((m) => [m[1]!, Number(m[2])])
    )
    expect(Object.keys(times).sort()).toEqual(
      ['Ideal', 'Promise pool (p-limit)', 'Sequential', 'Worker threads'].sort()
    )
    // Sequential is the sum of 15 latency-bound downloads: more than 15 latencies.
    expect(times['Sequential']).toBeGreaterThan((15 * SOURCE.latencyMs) / 1000)
    await expect(timing.getByText('Not yet run on this source')).toHaveCount(0)
  })

  await test.step('the last run’s speedup over sequential', async () => {
    const last = await definitions(timing.getByLabel('Last run', { exact: true }))
    expect(last['Speedup']).toMatch(/^[\d.]+×.*vs sequential, [\d.]+ s$/)
  })

  await test.step('side by side: three runs, their times and speedups', async () => {
    const boxes = panel.getByRole('checkbox', { name: /^Compare / })
    await expect(boxes).toHaveCount(3)
    for (const box of await boxes.all()) await box.check()
    const columns = panel.getByRole('article')
    await expect(columns).toHaveCount(3)
    const stats: Record<string, Record<string, string>> = {}
    for (const column of await columns.all()) {
      const name = (await column.getByRole('heading').textContent()) ?? ''
      stats[name.replace(/ × \d+$/, '')] = await definitions(column)
    }
    expect(Object.keys(stats).sort()).toEqual([
      'Promise pool (p-limit)',
      'Sequential',
      'Worker threads'
    ])
    expect(stats['Sequential']!['Speedup']).toBe('1.0×')
    const sequential = seconds(stats['Sequential']!['Elapsed']!)
    for (const name of ['Worker threads', 'Promise pool (p-limit)']) {
      const column = stats[name]!
      const speedup = Number(column['Speedup']!.replace('×', ''))
      // The speedup shown is the ratio of the times shown (to a rounding).
      expect(speedup).toBeCloseTo(sequential / seconds(column['Elapsed']!), 0)
      expect(column['Result']).toBe('15 ok')
    }
  })
  await page.getByRole('heading', { name: 'Timing' }).scrollIntoViewIfNeeded()
  await driver.screenshot('comparison')
}
