import { expect, test } from '@playwright/test'
import { fileNameForUrl } from '../../src/engine/file-names.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { Driver } from '../harness/driver.ts'
import {
  SOURCE,
  chooseSimulatedSource,
  chooseStrategy,
  doneTiles,
  downloadPanel,
  expectServedBytes,
  runCounts,
  runEnded,
  savedFiles,
  startDownload,
  tiles
} from './ui.ts'

/**
 * Long enough that a window running seconds behind main's events on a busy machine still
 * clicks Cancel well before the end: about 24 s sequentially, cut after five images (15, so that every tile is drawn).
 */
const LONG_SOURCE = { ...SOURCE, latencyMs: 1500 }

/**
 * Cancel halfway through a sequential run: it stops, the images saved stay,
 * no `.part` file is left, and the window says how many were saved and cancelled.
 */
export async function cancelHalfway(driver: Driver): Promise<void> {
  const { page } = driver
  const panel = downloadPanel(page)
  await chooseSimulatedSource(page, LONG_SOURCE)
  await chooseStrategy(panel, 'sequential')
  const cdn = await startSimulatedCdn(LONG_SOURCE)
  try {
    await startDownload(page, LONG_SOURCE.count)
    await expect.poll(() => doneTiles(page).count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(5)
    await panel.getByRole('button', { name: 'Cancel', exact: true }).click()
    const savedAtCancel = await doneTiles(page).count()
    expect(await runEnded(panel)).toBe('Cancelled')

    const counts = await runCounts(page)
    await test.step(`${counts.saved} saved, ${counts.cancelled} cancelled`, async () => {
      expect(counts.failed).toBe(0)
      expect(counts.saved).toBeGreaterThanOrEqual(5)
      // It stopped before the end. (How many were saved after the click is no bound: on a busy
      // machine the window's tiles run behind main's events, so it may have saved more by then.)
      expect(counts.saved).toBeGreaterThanOrEqual(savedAtCancel)
      expect(counts.saved).toBeLessThan(LONG_SOURCE.count)
      expect(counts.cancelled).toBeGreaterThan(0)
      expect(counts.saved + counts.cancelled).toBe(LONG_SOURCE.count)
      await expect(doneTiles(page)).toHaveCount(counts.saved)
      await expect(panel.locator('[role="listitem"][data-status="cancelled"]')).toHaveCount(
        counts.cancelled
      )
      await expect(tiles(page).getByText('Cancelled', { exact: true })).toHaveCount(
        counts.cancelled
      )
      // The history keeps the same numbers.
      await expect(
        panel.getByText(`${counts.saved} ok · ${counts.cancelled} cancelled`, { exact: true })
      ).toBeVisible()
    })

    await test.step('the saved images stay, whole; nothing else is on disk', async () => {
      // Sequential saves in list order: the first `saved` photos.
      const kept = cdn.urls.slice(0, counts.saved)
      expect(await savedFiles(driver.outputDir)).toEqual(kept.map(fileNameForUrl).sort())
      await expectServedBytes(
        driver.outputDir,
        cdn,
        kept.map((_, i) => i)
      )
    })
    await driver.screenshot('cancelled')
  } finally {
    await cdn.close()
  }
}
