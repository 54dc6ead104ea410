import { expect, test } from '@playwright/test'
import type { Fault } from '../../src/engine/simulated-cdn/index.ts'
import { fileNameForUrl } from '../../src/engine/file-names.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { Driver } from '../harness/driver.ts'
import {
  chooseStrategy,
  chooseUrlList,
  downloadPanel,
  escapeRegExp,
  expectServedBytes,
  runCounts,
  runEnded,
  savedFiles,
  startDownload
} from './ui.ts'

const FAULTS: { fault: Fault; title: string; code: string }[] = [
  { fault: { kind: 'status', code: 404 }, title: 'HTTP 404', code: 'http_404' },
  { fault: { kind: 'reset' }, title: 'Connection reset', code: 'reset' },
  { fault: { kind: 'html' }, title: 'Not an image', code: 'not_image' },
  { fault: { kind: 'stall' }, title: 'Timed out', code: 'timeout' }
]

/**
 * A pasted list with failing URLs (404, reset, not an image, stall): those
 * tiles say why, the others finish, and the summary counts both.
 */
export async function failingUrls(driver: Driver): Promise<void> {
  test.info().setTimeout(driver.stallFailsWithinMs + 60_000)
  const { page } = driver
  const panel = downloadPanel(page)
  const cdn = await startSimulatedCdn({
    count: 4,
    sizeKB: 256,
    latencyMs: 100,
    bandwidthKBps: 2048
  })
  try {
    const faultUrls = FAULTS.map(({ fault }) => cdn.faultUrl(fault))
    // Good and bad interleaved.
    const urls = cdn.urls.flatMap((url, i) => [url, faultUrls[i]!])
    await chooseUrlList(page, urls)
    await chooseStrategy(panel, 'pool', 8)
    await startDownload(page, urls.length)
    expect(await runEnded(panel, driver.stallFailsWithinMs + 15_000)).toBe('Finished with failures')

    await test.step('the summary counts both', async () => {
      expect(await runCounts(page)).toEqual({ saved: 4, failed: 4, cancelled: 0 })
      await expect(panel.getByText('4 ok · 4 failed', { exact: true })).toBeVisible()
    })

    await test.step('each failing tile says why', async () => {
      for (const [i, { title, code }] of FAULTS.entries()) {
        const name = fileNameForUrl(faultUrls[i]!)
        const tile = panel.getByRole('button', {
          name: new RegExp(
            `^${escapeRegExp(name)}: failed: ${escapeRegExp(title)} from 127\\.0\\.0\\.1:\\d+, .+\\. Copy URL$`
          )
        })
        await expect(tile, `tile of ${faultUrls[i]}`).toBeVisible()
        await expect(tile).toContainText(title)
        // The code is for the tooltip, not repeated on the tile.
        await expect(tile.locator('code')).toHaveCount(0)
        await expect(tile).toHaveAttribute('title', new RegExp(`\\(${code}\\)`))
      }
    })

    await test.step('the good ones are saved whole; the failed leave nothing', async () => {
      expect(await savedFiles(driver.outputDir)).toEqual(cdn.urls.map(fileNameForUrl).sort())
      await expectServedBytes(driver.outputDir, cdn, [0, 1, 2, 3])
    })
    await driver.screenshot('failures')
  } finally {
    await cdn.close()
  }
}
