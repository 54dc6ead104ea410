import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { fileNameForUrl } from '../../src/engine/file-names.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { Driver } from '../harness/driver.ts'
import { chooseStrategy, chooseUrlList, downloadPanel, runEnded, tiles } from './ui.ts'

/**
 * A tile's right-click menu: Show in folder reaches the desktop with the saved file's path, and
 * Retry, from the keyboard on a failed tile, starts a run of just that image. In forced colours the
 * failed tile and the run bar keep their marks.
 */
export async function tileMenu(driver: Driver): Promise<void> {
  const { page } = driver
  const panel = downloadPanel(page)
  const cdn = await startSimulatedCdn({ count: 1, sizeKB: 32, latencyMs: 20, bandwidthKBps: 0 })
  try {
    const good = cdn.urls[0]!
    const missing = cdn.faultUrl({ kind: 'status', code: 404 })
    await chooseUrlList(page, [good, missing])
    await chooseStrategy(panel, 'pool', 2)
    await panel.getByRole('button', { name: 'Download 2 images', exact: true }).click()
    expect(await runEnded(panel, 60_000)).toBe('Finished with failures')
    const saved = fileNameForUrl(good)

    await test.step('right-click a saved tile, Show in folder', async () => {
      await panel.locator('[role="listitem"][data-status="done"]').click({ button: 'right' })
      const menu = page.getByRole('menu', { name: saved })
      await expect(menu.getByRole('menuitem')).toHaveText([
        'Open',
        'Show in folder',
        'Copy URL',
        'Copy file path'
      ])
      await menu.getByRole('menuitem', { name: 'Show in folder' }).click()
      await expect
        .poll(driver.shellCalls)
        .toEqual([{ call: 'showItemInFolder', path: join(driver.outputDir, saved) }])
      await expect(menu).toBeHidden()
    })

    await test.step('Shift+F10 on the failed tile, Retry: a run of that one image', async () => {
      await panel.locator('[role="listitem"][data-status="failed"] button').first().focus()
      await page.keyboard.press('Shift+F10')
      const menu = page.getByRole('menu')
      await expect(menu.getByRole('menuitem', { name: 'Copy URL' })).toBeFocused()
      await page.keyboard.press('End')
      await expect(menu.getByRole('menuitem', { name: 'Retry' })).toBeFocused()
      await page.keyboard.press('Enter')
      await expect(tiles(page)).toHaveCount(1, { timeout: 60_000 })
      expect(await runEnded(panel, 60_000)).toBe('Finished with failures')
      await expect(tiles(page).first()).toHaveAttribute('data-status', 'failed')
    })

    await test.step('in forced colours (Windows high contrast) the tile and the bar keep their marks', async () => {
      await page.emulateMedia({ forcedColors: 'active' })
      const failedTile = tiles(page).first()
      await expect(failedTile).toHaveCSS('border-top-style', 'dashed')
      const bar = panel.locator('.run-bar-part--failed').first()
      await expect(bar).toHaveCSS('forced-color-adjust', 'none')
      await expect(bar).not.toHaveCSS('background-image', 'none')
      await page.emulateMedia({ forcedColors: 'none' })
    })
  } finally {
    await cdn.close()
  }
}
