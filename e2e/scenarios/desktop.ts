import { expect, test } from '@playwright/test'
import type { SimulatedSource } from '../../src/common/schemas.ts'
import type { Driver } from '../harness/driver.ts'
import { chooseSimulatedSource, downloadPanel, startDownload, tiles } from './ui.ts'

/** Slow enough that the run is still going when the app is asked to quit: 64 KB/s per image. */
const SLOW: SimulatedSource = { count: 4, sizeKB: 512, latencyMs: 0, bandwidthKBps: 64 }

/**
 * Electron only: quitting during a run asks before cancelling it (the harness's
 * E2E_RECORD_SHELL records the question and answers "Cancel the run and quit",
 * src/main/quit-guard.ts), and the app comes back offering to resume the run.
 */
export async function quitDuringARunAsksFirst(driver: Driver): Promise<void> {
  await test.step('start a slow run', async () => {
    await chooseSimulatedSource(driver.page, SLOW)
    await startDownload(driver.page, SLOW.count)
    await expect(
      tiles(driver.page).and(driver.page.locator('[data-status="running"]')).first()
    ).toBeVisible()
  })
  await test.step('quit and start again', async () => {
    await driver.restart()
  })
  const calls = await driver.shellCalls()
  expect(calls.map((call) => call.call as string)).toContain('askQuit')
  // The quit kept the run's partial files for the history's Resume (scenarios/resume.ts).
  await expect(downloadPanel(driver.page).getByRole('button', { name: /^Resume/ })).toBeVisible()
}

/**
 * The window reloads in the middle of a run (as after a crash): main runs on,
 * and the reloaded window draws the run from getCurrentRun and follows it.
 */
export async function reloadMidRunGetsTheRunBack(driver: Driver): Promise<void> {
  // A reload during a run on a busy 2-core machine: more than the default minute.
  test.setTimeout(120_000)
  const running = () => tiles(driver.page).and(driver.page.locator('[data-status="running"]'))
  await test.step('start a slow run', async () => {
    await chooseSimulatedSource(driver.page, SLOW)
    await startDownload(driver.page, SLOW.count)
    await expect(running().first()).toBeVisible()
  })
  await test.step('reload the window: the run is shown again, still running', async () => {
    await driver.reload()
    const panel = downloadPanel(driver.page)
    await expect(panel.getByText('Running', { exact: true })).toBeVisible()
    await expect(tiles(driver.page)).toHaveCount(SLOW.count)
    await expect(running().first()).toBeVisible()
  })
  await test.step('and follows it: the bytes of an image go on growing', async () => {
    const first = running().first().getByRole('button')
    const before = await first.getAttribute('aria-label')
    await expect.poll(() => first.getAttribute('aria-label'), { timeout: 30_000 }).not.toBe(before)
  })
}
