import { expect, test } from '@playwright/test'
import type { SimulatedSource } from '../../src/common/schemas.ts'
import type { Driver } from '../harness/driver.ts'
import {
  chooseSimulatedSource,
  chooseStrategy,
  downloadPanel,
  fillNumber,
  runEnded,
  startDownload,
  strategyRadio
} from './ui.ts'

const SOURCE: SimulatedSource = { count: 6, sizeKB: 64, latencyMs: 20, bandwidthKBps: 0 }

/** Settings and history survive a reload of the window, and a restart of main on the same user data. */
export async function settingsAndHistorySurvive(driver: Driver): Promise<void> {
  const page = (): typeof driver.page => driver.page
  const panel = () => downloadPanel(page())

  await test.step('change the settings and run once', async () => {
    await chooseSimulatedSource(page(), SOURCE)
    await chooseStrategy(panel(), 'workers', 3)
    await startDownload(page(), SOURCE.count)
    expect(await runEnded(panel())).toBe('Finished')
    await expect(
      panel().getByRole('checkbox', { name: /^Compare Worker threads run of/ })
    ).toHaveCount(1)
  })

  // Changed just before the window goes: saved on the way out, not lost to the save delay.
  await fillNumber(panel(), 'Bandwidth', 4096)

  const expectKept = async (): Promise<void> => {
    const scope = panel()
    await expect(scope.getByRole('radio', { name: 'Simulated CDN (offline)' })).toBeChecked()
    await expect(scope.getByRole('spinbutton', { name: 'Images' })).toHaveValue('6')
    await expect(scope.getByRole('spinbutton', { name: 'Size each' })).toHaveValue('64')
    await expect(scope.getByRole('spinbutton', { name: 'Latency' })).toHaveValue('20')
    await expect(scope.getByRole('spinbutton', { name: 'Bandwidth' })).toHaveValue('4096')
    await expect(strategyRadio(scope, 'workers')).toBeChecked()
    await expect(scope.getByRole('spinbutton', { name: /^Concurrency/ })).toHaveValue('3')
    await expect(scope.getByRole('button', { name: 'Download 6 images' })).toBeEnabled()
    await expect(
      scope.getByRole('checkbox', { name: /^Compare Worker threads run of/ })
    ).toHaveCount(1)
    await expect(scope.getByText('6 ok', { exact: true })).toBeVisible()
    // The timing card shows the last run from the history.
    const timing = scope.getByRole('region', { name: 'Timing' })
    await expect(timing.getByLabel('Last run', { exact: true })).toBeVisible()
  }

  await test.step('after a reload', async () => {
    await driver.reload()
    await expectKept()
  })
  await test.step('after a restart of main on the same user data', async () => {
    await driver.restart()
    await expectKept()
  })
  await driver.screenshot('after-restart')
}
