import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { AppApi } from '../../src/common/api.ts'
import { fileNameForUrl } from '../../src/engine/file-names.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { Driver } from '../harness/driver.ts'
import {
  chooseSimulatedSource,
  chooseStrategy,
  downloadPanel,
  runEnded,
  startDownload
} from './ui.ts'

const SMALL = { count: 3, sizeKB: 64, latencyMs: 50, bandwidthKBps: 0 }

/**
 * Open folder, show in folder, open an image and choose a folder reach the
 * desktop with the right paths (recorded at the boundary, nothing opens).
 */
export async function folderActions(driver: Driver): Promise<void> {
  const { page } = driver
  const panel = downloadPanel(page)
  const cdn = await startSimulatedCdn(SMALL)
  const first = fileNameForUrl(cdn.urls[0]!)
  await cdn.close()

  await chooseSimulatedSource(page, SMALL)
  await chooseStrategy(panel, 'pool', 3)
  await startDownload(page, 3)
  expect(await runEnded(panel)).toBe('Finished')
  const file = join(driver.outputDir, first)

  await test.step('Open folder opens the output folder', async () => {
    await panel.getByRole('button', { name: 'Open folder' }).click()
    await expect.poll(driver.shellCalls).toEqual([{ call: 'openPath', path: driver.outputDir }])
  })

  await test.step('a click on a saved tile shows its file in the folder', async () => {
    await panel
      .getByRole('button', { name: new RegExp(`^${first}: saved, .*Show in folder$`) })
      .click()
    await expect
      .poll(async () => (await driver.shellCalls()).slice(1))
      .toEqual([{ call: 'showItemInFolder', path: file }])
  })

  await test.step('Open opens the image', async () => {
    // The Open button shows while the pointer is over the tile.
    const tile = panel.getByRole('button', { name: new RegExp(`^${first}: saved`) })
    await tile.hover()
    await panel.getByRole('button', { name: `Open ${first}` }).click()
    await expect
      .poll(async () => (await driver.shellCalls()).slice(2))
      .toEqual([{ call: 'openPath', path: file }])
  })

  await test.step('Change… asks for a folder from the current one; Open folder opens the new one', async () => {
    await panel.getByRole('button', { name: 'Change…' }).click()
    await expect
      .poll(async () => (await driver.shellCalls()).slice(3))
      .toEqual([{ call: 'chooseFolder', path: driver.outputDir }])
    // The bar shows a shortened path; its tooltip (and the screen-reader text) is the whole one.
    await expect(panel.getByTitle(driver.chosenDir, { exact: true })).toBeVisible()
    await panel.getByRole('button', { name: 'Open folder' }).click()
    await expect
      .poll(async () => (await driver.shellCalls()).slice(4))
      .toEqual([{ call: 'openPath', path: driver.chosenDir }])
  })

  await test.step('a path outside the folders is refused before the shell', async () => {
    const refused = await page.evaluate(() =>
      (window as unknown as { api: AppApi }).api.showInFolder('/etc/passwd')
    )
    expect(refused.ok).toBe(false)
    expect(await driver.shellCalls()).toHaveLength(5)
  })
  await driver.screenshot('folder-actions')
}
