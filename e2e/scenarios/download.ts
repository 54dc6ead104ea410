import { expect, test } from '@playwright/test'
import { TUTORIAL_URLS } from '../../src/common/defaults.ts'
import { fileNameForUrl } from '../../src/engine/file-names.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { Driver } from '../harness/driver.ts'
import {
  SOURCE,
  chooseSimulatedSource,
  chooseStrategy,
  downloadPanel,
  expectServedBytes,
  expectThumbnailsLoaded,
  runCounts,
  runEnded,
  savedFiles,
  startDownload,
  tiles,
  watchTiles
} from './ui.ts'

/**
 * Launch; the default list shows the tutorial's 15 URLs; a simulated CDN and
 * worker threads; tiles turn into thumbnails while the run goes; 15 saved, and
 * the files are the bytes the CDN serves.
 */
export async function downloadWithThumbnails(driver: Driver): Promise<void> {
  const { page } = driver
  const panel = downloadPanel(page)

  await test.step('the default list shows the tutorial’s 15 URLs', async () => {
    const list = panel.getByRole('textbox', { name: 'Image URLs, one a line' })
    const lines = (await list.inputValue()).split('\n').filter(Boolean)
    expect(lines).toEqual([...TUTORIAL_URLS])
    await expect(panel.getByText('15 URLs', { exact: true })).toBeVisible()
    await expect(panel.getByRole('button', { name: 'Download 15 images' })).toBeEnabled()
  })

  await test.step('simulated CDN, worker threads × 5', async () => {
    await chooseSimulatedSource(page, SOURCE)
    await chooseStrategy(panel, 'workers', 5)
  })

  const cdn = await startSimulatedCdn(SOURCE)
  try {
    const timeline = await watchTiles(page)
    await test.step('download: tiles turn into thumbnails while the run goes', async () => {
      await startDownload(page, 15)
      await expect(tiles(page)).toHaveCount(15)
      expect(await runEnded(panel)).toBe('Finished')
      // The run ends with its last image; previews still being made follow it.
      await expect.poll(async () => (await timeline()).thumbnails.length).toBe(15)
      const seen = await timeline()
      expect(seen.done).toHaveLength(15)
      const lastDone = seen.done.at(-1)!
      // Thumbnails show while the run goes, not all at its end: some came before the last image
      // was saved (an order, not a time, so a busy machine cannot fail it).
      const beforeLastDone = seen.thumbnails.filter((t) => t < lastDone).length
      expect(
        beforeLastDone,
        'thumbnails shown before the last image was saved'
      ).toBeGreaterThanOrEqual(1)
      expect(seen.endedAt).not.toBeNull()
    })

    await test.step('15 saved, shown and on disk with the served bytes', async () => {
      expect(await runCounts(page)).toEqual({ saved: 15, failed: 0, cancelled: 0 })
      await expect(panel.getByRole('progressbar', { name: '15 of 15 saved' })).toBeVisible()
      await expectThumbnailsLoaded(page, 15)
      const names = await savedFiles(driver.outputDir)
      expect(names).toEqual(cdn.urls.map(fileNameForUrl).sort())
      await expectServedBytes(
        driver.outputDir,
        cdn,
        cdn.urls.map((_, i) => i)
      )
      // Each saved tile offers its file (the Open button shows on hover).
      await expect(
        panel.getByRole('button', { name: /^Open photo-\d+-[0-9a-f]+\.jpg$/, includeHidden: true })
      ).toHaveCount(15)
    })
    await driver.screenshot('download-finished')
  } finally {
    await cdn.close()
  }
}
