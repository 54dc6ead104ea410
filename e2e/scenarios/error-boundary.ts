import { expect, test } from '@playwright/test'
import type { RunRecord } from '../../src/common/api.ts'
import type { Driver } from '../harness/driver.ts'
import { appReady } from '../harness/driver.ts'
import type { WindowApiBridge } from '../harness/window-api.ts'

/**
 * A history record the window cannot draw: a strategy it has no label for, as a
 * history written by a newer version might hold. Main answers it once, through the
 * harness (WindowApiBridge.answerOnce), never through a hook in the app.
 */
const UNDRAWABLE = {
  runId: 'from-the-future',
  kind: 'download',
  strategy: 'quantum',
  concurrency: 1,
  sourceLabel: '1 URL from example.com',
  sourceKey: 'k',
  startedAt: 1,
  count: 1,
  bytes: 0,
  elapsedMs: 10,
  ok: 1,
  failed: 0,
  cancelled: 0,
  interrupted: false,
  tasks: []
} as unknown as RunRecord

/**
 * Chromium only: an error while drawing the window shows the error boundary (what
 * went wrong, Reload, Copy details) instead of a blank page; Copy details puts the
 * error's details on the clipboard, and Reload brings the window back.
 */
export async function errorBoundaryRecovers(
  driver: Driver,
  bridge: WindowApiBridge
): Promise<void> {
  const { page } = driver
  const alert = page.getByRole('alert').filter({
    has: page.getByRole('heading', { name: 'Something went wrong in the window' })
  })
  await test.step('the history answers a record the window cannot draw', async () => {
    bridge.answerOnce('getHistory', [UNDRAWABLE])
    await page.reload()
    await expect(alert).toBeVisible()
    await expect(alert.getByRole('button', { name: 'Reload' })).toBeFocused()
    await driver.screenshot('error-boundary')
  })
  await test.step('Copy details puts the error on the clipboard', async () => {
    const origin = new URL(page.url()).origin
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
    await alert.getByRole('button', { name: 'Copy details' }).click()
    await expect(alert.getByRole('status')).toHaveText('Copied to the clipboard.')
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    await alert.getByText('Error details').click()
    const shown = (await alert.locator('pre').textContent()) ?? ''
    expect(copied).toBe(shown)
    // The details name what failed and where: the component stack is in them.
    expect(copied).toMatch(/TypeError/)
    expect(copied).toMatch(/\nIn:\n[\s\S]*at DownloadView/)
  })
  await test.step('Reload brings the window back', async () => {
    await alert.getByRole('button', { name: 'Reload' }).click()
    await appReady(page)
    await expect(alert).toHaveCount(0)
    await expect(page.getByRole('heading', { name: 'Run history' }).first()).toBeVisible()
  })
}
