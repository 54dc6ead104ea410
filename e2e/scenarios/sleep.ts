import { expect, test, type Locator, type Page } from '@playwright/test'
import { maxConcurrent, overlapsOnDifferentLanes } from '../../test/helpers/intervals.ts'
import type { Driver } from '../harness/driver.ts'
import { chooseStrategy, sleepPanel } from './ui.ts'

interface ConsoleLine {
  /** Seconds from the run's start, as the gutter shows them. */
  t: number
  text: string
}

const consoleOf = (page: Page): Locator => sleepPanel(page).getByRole('log', { name: 'Console' })

async function openSleepDemo(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Sleep demo' }).click()
  const panel = sleepPanel(page)
  await expect(panel).toBeVisible()
  return panel
}

/** Presses Run and waits for the tutorial's `Finished in N second(s)`; returns N and the lines. */
async function run(
  page: Page,
  timeout: number
): Promise<{ finishedIn: number; lines: ConsoleLine[] }> {
  const panel = sleepPanel(page)
  await panel.getByRole('button', { name: 'Run', exact: true }).click()
  const summary = consoleOf(page).getByText(/^Finished in [\d.]+ second\(s\)$/)
  await expect(summary).toBeVisible({ timeout })
  const finishedIn = Number(/([\d.]+)/.exec((await summary.textContent()) ?? '')?.[1])
  const lines = await consoleOf(page).evaluate((log) =>
    [...log.children]
      .map((line) => [...line.children].map((part) => part.textContent ?? ''))
      .filter((parts) => parts.length === 2)
      .map(([t, text]) => ({ t: Number(t), text: text ?? '' }))
  )
  await expect(panel.getByRole('button', { name: 'Run', exact: true })).toBeEnabled()
  return { finishedIn, lines }
}

interface Bar {
  label: string
  lane: number
  /** Seconds from the run's start. */
  startMs: number
  endMs: number
}

/** Each bar of the run's timeline: its task, lane, start and end, from the bar's tooltip. */
async function timelineBars(page: Page): Promise<Bar[]> {
  const timeline = sleepPanel(page).getByRole('img', { name: /^Timeline of the run/ })
  const titles = await timeline.locator('rect[data-task] > title').allTextContents()
  const lanes = new Map<string, number>()
  return titles.map((title) => {
    const match = /^(.*?) · (.*?) · ([\d.]+)–([\d.]+) s \(done\)$/.exec(title)
    if (!match) throw new Error(`unexpected bar title: ${title}`)
    if (!lanes.has(match[2]!)) lanes.set(match[2]!, lanes.size)
    return {
      label: match[1]!,
      lane: lanes.get(match[2]!)!,
      startMs: Number(match[3]),
      endMs: Number(match[4])
    }
  })
}

/**
 * The sleeps ran at the same time on different threads, and each bar lasted at least its
 * sleep, whatever order its result was read in. Returns each sleep's end, by its seconds.
 * No bar is compared with another's time: on a busy machine threads start seconds apart.
 */
async function expectSleepsOverlap(page: Page, count: number): Promise<Map<number, number>> {
  const bars = await timelineBars(page)
  expect(bars).toHaveLength(count)
  expect(overlapsOnDifferentLanes(bars).length).toBeGreaterThan(0)
  const ends = new Map<number, number>()
  for (const bar of bars) {
    const seconds = Number(/([\d.]+)/.exec(bar.label)?.[1])
    // A bar's start and end are stamped in main as the thread's messages arrive: on a busy
    // machine its start can be heard later than its end is (seen: a 5 s sleep drawn 4.96 s
    // under stress-ng). A quarter second of that skew still tells a sleep's bar from a wrong one.
    expect(bar.endMs - bar.startMs, bar.label).toBeGreaterThanOrEqual(seconds - 0.25)
    ends.set(seconds, bar.endMs)
  }
  return ends
}

/**
 * A short run of five sleeps on worker threads first, as a user's earlier run would:
 * the app keeps its threads, so the preset's five sleeps start together. Cold, on a
 * busy machine, threads start seconds apart, and the 5 s sleep could end first.
 */
async function warmWorkerThreads(page: Page, panel: Locator): Promise<void> {
  await panel.getByRole('textbox', { name: 'Sleeps, in seconds' }).fill('0.1, 0.1, 0.1, 0.1, 0.1')
  await expect(panel.getByText(/^5 sleeps;/)).toBeVisible()
  await chooseStrategy(panel, 'workers')
  await run(page, 60_000)
}

const results = (lines: ConsoleLine[]): ConsoleLine[] =>
  lines.filter((line) => line.text.startsWith('Done Sleeping...'))
const secondsOf = (lines: ConsoleLine[]): number[] =>
  lines.map((line) => Number(line.text.replace('Done Sleeping...', '')))

/** The tutorial's submit + as_completed over 5, 4, 3, 2, 1: results in finishing order. */
export async function sleepAsCompleted(driver: Driver): Promise<void> {
  const { page } = driver
  const panel = await openSleepDemo(page)
  await warmWorkerThreads(page, panel)
  await panel.getByRole('button', { name: /^submit 5, 4, 3, 2, 1 with as_completed/ }).click()
  const { finishedIn, lines } = await run(page, 30_000)
  const done = results(lines)
  expect(secondsOf(done).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5])
  expect(finishedIn).toBeGreaterThanOrEqual(4.95)
  await expect(panel.getByText(/^This run: [\d.]+ s · the tutorial measured 5\.0 s$/)).toBeVisible()
  // Results in finishing order: each printed result's sleep ended no later than the next one's
  // (0.02 s for the bars' rounding), whatever order they were submitted in.
  const ends = await expectSleepsOverlap(page, 5)
  const endOf = (line: ConsoleLine): number => ends.get(secondsOf([line])[0]!)!
  for (let i = 1; i < done.length; i++) {
    expect(endOf(done[i - 1]!), `${done[i - 1]!.text} before ${done[i]!.text}`).toBeLessThanOrEqual(
      endOf(done[i]!) + 0.02
    )
  }
  await driver.screenshot('sleep-as-completed')
}

/** The tutorial's executor.map over 5, 4, 3, 2, 1: results in input order, all at the end. */
export async function sleepMap(driver: Driver): Promise<void> {
  const { page } = driver
  const panel = await openSleepDemo(page)
  await warmWorkerThreads(page, panel)
  await panel.getByRole('button', { name: /^map over 5, 4, 3, 2, 1/ }).click()
  const { finishedIn, lines } = await run(page, 30_000)
  const done = results(lines)
  expect(secondsOf(done)).toEqual([5, 4, 3, 2, 1])
  // In input order, so nothing is printed before the 5 s sleep, the first submitted, ends; the
  // timeline still shows each sleep ending when it ended.
  const ends = await expectSleepsOverlap(page, 5)
  for (const line of done) {
    expect(line.t, `time of ${line.text}`).toBeGreaterThanOrEqual(ends.get(5)! - 0.02)
  }
  expect(finishedIn).toBeGreaterThanOrEqual(4.95)
  await driver.screenshot('sleep-map')
}

/**
 * Timer sleeps of 1, 1.5, 0.5, 1 s: a pool waits for them all at once, on
 * their own lanes; sequential one after another, so at least their sum.
 */
export async function sleepPoolVersusSequential(driver: Driver): Promise<void> {
  const { page } = driver
  const panel = await openSleepDemo(page)
  await panel.getByRole('textbox', { name: 'Sleeps, in seconds' }).fill('1, 1.5, 0.5, 1')
  await expect(panel.getByText(/^4 sleeps;/)).toBeVisible()
  await panel.getByRole('radio', { name: /^Timer/ }).check()

  await test.step('a promise pool of 4: all four at once, on four lanes', async () => {
    await chooseStrategy(panel, 'pool', 4)
    const { finishedIn, lines } = await run(page, 30_000)
    expect(results(lines)).toHaveLength(4)
    expect(finishedIn).toBeGreaterThanOrEqual(1.45)
    const bars = await timelineBars(page)
    expect(maxConcurrent(bars)).toBe(4)
    expect(new Set(bars.map((bar) => bar.lane)).size).toBe(4)
  })
  await driver.screenshot('sleep-timer-pool')

  await test.step('sequential: one after another, at least the sum (4 s)', async () => {
    await chooseStrategy(panel, 'sequential')
    const { finishedIn, lines } = await run(page, 30_000)
    expect(secondsOf(results(lines))).toEqual([1, 1.5, 0.5, 1])
    expect(finishedIn).toBeGreaterThanOrEqual(3.95)
    const bars = await timelineBars(page)
    expect(maxConcurrent(bars)).toBe(1)
    expect(overlapsOnDifferentLanes(bars)).toEqual([])
  })
  await expect(panel.getByRole('checkbox', { name: /^Compare / })).toHaveCount(2)
  await driver.screenshot('sleep-timer-sequential')
}
