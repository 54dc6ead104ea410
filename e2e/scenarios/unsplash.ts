import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { startFakeUnsplash } from '../../test/helpers/fake-unsplash.ts'
import type { Driver } from '../harness/driver.ts'
import { expectNoSeriousFindings } from './a11y.ts'
import { downloadPanel, runCounts, runEnded, savedFiles, startDownload, tiles } from './ui.ts'

const KEY = 'e2e-unsplash-key-8c41f0'
const NAMES = ['Ana Lima', 'Bo Chen', 'Chidi Okafor', 'Dana Roy', 'Eli Moss', 'Fay Ito']

/**
 * From Unsplash with the user's own key, against a fake API on loopback: point the API origin
 * at the fake (Advanced), paste the key, search, pick 3, Use these, Download. Three photos and
 * CREDITS.md on disk, Unsplash told of each once, and each tile credits its photographer.
 */
export async function unsplashSearchAndDownload(driver: Driver): Promise<void> {
  const { page } = driver
  const panel = downloadPanel(page)
  const cdn = await startSimulatedCdn({ count: 6, sizeKB: 24, latencyMs: 0, bandwidthKBps: 0 })
  const fake = await startFakeUnsplash({
    accessKey: KEY,
    imageUrls: cdn.urls,
    photographer: (i) => NAMES[i] ?? `Photographer ${i}`
  })
  try {
    await test.step('Settings › Unsplash: set the API origin, paste the key once', async () => {
      await panel.getByRole('radio', { name: 'From Unsplash' }).check()
      const settings = panel.getByRole('region', { name: 'Settings › Unsplash' })
      // The origin first: a key is kept for the origin it was given for, and forgotten when
      // the origin changes (so a hostile page cannot have it sent elsewhere).
      await settings.getByText('Advanced').click()
      await settings.getByLabel('API origin').fill(fake.url)
      await settings.getByRole('button', { name: 'Set' }).click()
      await expect(settings.getByLabel('API origin')).toHaveValue(fake.url)
      const key = settings.getByLabel('Your access key')
      await expect(key).toHaveAttribute('type', 'password')
      await key.fill(KEY)
      await driver.screenshot('unsplash-key')
      await settings.getByRole('button', { name: 'Save' }).click()
      await expect(settings.getByText(/Your key is saved, encrypted/)).toBeVisible()
      await expect(key).toBeHidden()
      // The page never holds the key again: no field, no text, no attribute has it.
      expect(await page.content()).not.toContain(KEY)
      await driver.screenshot('unsplash-settings')
      await expectNoSeriousFindings(page, 'Settings › Unsplash')
    })

    await test.step('search: a grid of thumbnails, each credited to its photographer', async () => {
      await panel.getByRole('textbox', { name: 'Search for' }).fill('mountains')
      await panel.getByLabel('Orientation').selectOption('landscape')
      await panel.getByRole('button', { name: 'Search', exact: true }).click()
      const grid = panel.getByRole('list', { name: 'Unsplash photos' })
      await expect(grid.getByRole('listitem')).toHaveCount(6)
      for (const name of NAMES)
        await expect(grid.getByText(`Photo by ${name} on Unsplash`)).toBeVisible()
      expect(fake.requests.at(-1)?.path).toMatch(
        /^\/search\/photos\?query=mountains&page=1&per_page=30&orientation=landscape/
      )
      await expect(panel.getByText(/49 of 50 requests left this hour/)).toBeVisible()
    })

    await test.step('pick 3, Use these; a photographer’s name opens their profile', async () => {
      const boxes = panel.getByRole('list', { name: 'Unsplash photos' }).getByRole('checkbox')
      for (const i of [0, 2, 4]) await boxes.nth(i).check()
      await panel.getByRole('button', { name: 'Use these (3)' }).click()
      await expect(
        panel.getByText(/^3 photos chosen for the download, by Ana Lima, Chidi Okafor, Eli Moss\.$/)
      ).toBeVisible()
      await panel.getByRole('button', { name: 'Bo Chen', exact: true }).click()
      await expect
        .poll(async () => (await driver.shellCalls()).filter((c) => c.call === 'openExternal'))
        .toEqual([
          {
            call: 'openExternal',
            path: 'https://unsplash.com/@user1?utm_source=concurrent_image_downloader&utm_medium=referral'
          }
        ])
      await driver.screenshot('unsplash-picker')
      await expectNoSeriousFindings(page, 'the Unsplash picker with 3 picked')
    })

    await test.step('download: 3 photos and their credits saved, each tracked once', async () => {
      await startDownload(page, 3)
      expect(await runEnded(panel)).toBe('Finished')
      expect(await runCounts(page)).toEqual({ saved: 3, failed: 0, cancelled: 0 })
      const files = await savedFiles(driver.outputDir)
      expect(files.filter((f) => f.endsWith('.jpg'))).toHaveLength(3)
      expect(files).toEqual(expect.arrayContaining(['CREDITS.md', 'credits.json']))
      const credits = await readFile(join(driver.outputDir, 'CREDITS.md'), 'utf8')
      for (const name of ['Ana Lima', 'Chidi Okafor', 'Eli Moss']) expect(credits).toContain(name)
      expect(Object.fromEntries(fake.tracked)).toEqual({ fake0000: 1, fake0002: 1, fake0004: 1 })
      await expect(tiles(page)).toHaveCount(3)
      await expect(tiles(page).locator('.tile-credit')).toHaveText(
        ['Ana Lima', 'Chidi Okafor', 'Eli Moss'].map((name) => `Photo by ${name} on Unsplash`)
      )
      await expect(
        panel.getByText(/3 Unsplash photos by Ana Lima, Chidi Okafor and Eli Moss/).first()
      ).toBeVisible()
      expect(await page.content()).not.toContain(KEY)
      await driver.screenshot('unsplash-run')
    })
  } finally {
    await fake.close()
    await cdn.close()
  }
}
