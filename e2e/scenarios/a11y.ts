import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { Driver } from '../harness/driver.ts'
import {
  chooseSimulatedSource,
  chooseStrategy,
  chooseUrlList,
  downloadPanel,
  runEnded,
  sleepPanel
} from './ui.ts'

/** What axe must not find: WCAG 2.1 A and AA, serious or critical. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** Both themes of the window as it is now. */
export async function expectNoSeriousFindings(page: Page, state: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await test.step(`${state}, ${colorScheme}`, async () => {
      await page.emulateMedia({ colorScheme })
      expect(await seriousViolations(page), `axe: ${state}, ${colorScheme}`).toEqual([])
    })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

/**
 * axe over the window's states, light and dark: empty, a download running, one
 * done with failures, runs compared in the history, the sleep demo running.
 */
export async function accessibleStates(driver: Driver): Promise<void> {
  test.info().setTimeout(360_000)
  const { page } = driver
  const panel = downloadPanel(page)
  await expectNoSeriousFindings(page, 'empty')

  const cdn = await startSimulatedCdn({ count: 4, sizeKB: 64, latencyMs: 50, bandwidthKBps: 0 })
  try {
    await chooseUrlList(page, [...cdn.urls, cdn.faultUrl({ kind: 'status', code: 404 })])
    await chooseStrategy(panel, 'pool', 4)
    await panel.getByRole('button', { name: 'Download 5 images', exact: true }).click()
    expect(await runEnded(panel)).toBe('Finished with failures')
    await expectNoSeriousFindings(page, 'done with failures')
  } finally {
    await cdn.close()
  }

  await chooseSimulatedSource(page, { count: 4, sizeKB: 64, latencyMs: 25_000, bandwidthKBps: 0 })
  await chooseStrategy(panel, 'pool', 2)
  await panel.getByRole('button', { name: 'Download 4 images', exact: true }).click()
  await expect(panel.getByText('Running', { exact: true })).toBeVisible()
  await expect(panel.locator('[role="listitem"][data-status="running"]').first()).toBeVisible()
  // Each image waits 25 s for its headers: the window holds still while axe reads it.
  await expectNoSeriousFindings(page, 'download running')
  const cancel = panel.getByRole('button', { name: 'Cancel', exact: true })
  if (await cancel.isEnabled()) await cancel.click()
  await runEnded(panel, 60_000)

  for (const box of await panel.getByRole('checkbox', { name: /^Compare/ }).all()) await box.check()
  await expect(panel.locator('.compare-column')).toHaveCount(2)
  await expectNoSeriousFindings(page, 'history compare')

  await page.getByRole('tab', { name: 'Sleep demo' }).click()
  const sleep = sleepPanel(page)
  await sleep.getByRole('textbox', { name: 'Sleeps, in seconds' }).fill('60, 60')
  // Timers on a pool: a blocking sleep would hold this process, where the Chromium harness runs main.
  await chooseStrategy(sleep, 'pool', 2)
  await sleep.getByRole('radio', { name: /^Timer/ }).check()
  await sleep.getByRole('button', { name: 'Run', exact: true }).click()
  await expect(sleep.getByText('Running', { exact: true })).toBeVisible()
  await expectNoSeriousFindings(page, 'sleep running')
  const stop = sleep.getByRole('button', { name: 'Cancel', exact: true })
  if (await stop.isEnabled()) await stop.click()
  await runEnded(sleep, 70_000)
}
