import { expect, test } from '@playwright/test'
import type { Strategy } from '../../src/common/defaults.ts'
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

/**
 * The same list with each strategy: the timing card's chart shows the three
 * runs, each run's speedup over sequential shows, and sequential is the
 * slowest by a wide margin on a latency-bound list.
 */
export async function compareStrategies(driver: Driver): Promise<void> {
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
      expect(await runEnded(panel)).toBe('Finished')
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
    const sequential = times['Sequential']!
    // Sequential is the sum of 15 latency-bound downloads: more than 15 latencies.
    expect(sequential).toBeGreaterThan((15 * SOURCE.latencyMs) / 1000)
    // A wide margin, less the worker threads' start, which a busy 2-core machine stretches to seconds.
    expect(sequential, 'sequential vs promise pool').toBeGreaterThan(
      2.5 * times['Promise pool (p-limit)']!
    )
    expect(sequential, 'sequential vs worker threads').toBeGreaterThan(
      1.5 * times['Worker threads']!
    )
    await expect(timing.getByText('Not yet run on this source')).toHaveCount(0)
  })

  await test.step('the last run’s speedup over sequential', async () => {
    const last = await definitions(timing.getByLabel('Last run', { exact: true }))
    expect(Number(last['Speedup']?.replace(/×.*$/, ''))).toBeGreaterThan(2.5)
    expect(last['Speedup']).toMatch(/vs sequential, [\d.]+ s$/)
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
      expect(speedup, `${name} speedup`).toBeGreaterThan(1.5)
      // The speedup shown is the ratio of the times shown (to a rounding).
      expect(speedup).toBeCloseTo(sequential / seconds(column['Elapsed']!), 0)
      expect(column['Result']).toBe('15 ok')
    }
  })
  await page.getByRole('heading', { name: 'Timing' }).scrollIntoViewIfNeeded()
  await driver.screenshot('comparison')
}
