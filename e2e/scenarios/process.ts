import { expect, test, type Locator, type Page } from '@playwright/test'
import { join } from 'node:path'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { Driver } from '../harness/driver.ts'
import { expectNoSeriousFindings } from './a11y.ts'
import { SCREENS } from '../harness/paths.ts'
import {
  SOURCE,
  chooseSimulatedSource,
  chooseStrategy,
  downloadPanel,
  runEnded,
  savedFiles,
  startDownload
} from './ui.ts'

export const processPanel = (page: Page): Locator =>
  page.getByRole('tabpanel', { name: /Process images/ })

/** How many of the scope's images have loaded (decoded, with pixels). */
const loadedImages = (images: Locator): Promise<number> =>
  images.evaluateAll(
    (all) =>
      all.filter(
        (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0
      ).length
  )

async function processWith(panel: Locator, kernel: 'js' | 'sharp'): Promise<void> {
  await panel.getByRole('radio', { name: kernel === 'js' ? /^JavaScript/ : /^sharp/ }).check()
  await panel.getByRole('button', { name: 'Process 15 images', exact: true }).click()
}

/**
 * Download 15 photos, then process them: the Process step reads the folder the download
 * saved into and writes its `processed/`; each image shows before and after, the CPU gauge
 * moves while it runs, and the chart compares the kernels.
 */
export async function downloadThenProcess(driver: Driver): Promise<void> {
  // Four runs, two of them computing on every core of a machine the other tests share.
  test.setTimeout(240_000)
  const { page } = driver
  const download = downloadPanel(page)
  const panel = processPanel(page)
  const cdn = await startSimulatedCdn(SOURCE)
  try {
    await test.step('download 15 images from the simulated CDN', async () => {
      await chooseSimulatedSource(page, SOURCE)
      await chooseStrategy(download, 'pool', 5)
      await startDownload(page, 15)
      expect(await runEnded(download)).toBe('Finished')
    })

    await test.step('the Process step offers the 15 saved images', async () => {
      await download.getByRole('button', { name: 'Process these images →' }).click()
      await expect(panel).toBeVisible()
      await expect(panel.getByRole('button', { name: 'Process 15 images' })).toBeEnabled()
      await chooseStrategy(panel, 'workers', 2)
      await driver.screenshot('process-idle')
    })

    await test.step('js on worker threads: the gauge moves, before and after appear', async () => {
      await processWith(panel, 'js')
      // The gauge's samples arrive every 250 ms while the run goes (a short run may end first).
      await expect(async () => {
        const live = await panel.locator('.cpu-gauge[data-live="true"]').count()
        const ended = await panel.getByText('Finished', { exact: true }).count()
        expect(live + ended).toBeGreaterThan(0)
      }).toPass({ timeout: 60_000 })
      if (await panel.locator('.cpu-gauge[data-live="true"]').count())
        await driver.screenshot('process-running')
      expect(await runEnded(panel, 120_000)).toBe('Finished')
      await expect(panel.locator('.process-tile')).toHaveCount(15)
      const before = panel.locator('.process-preview--before img')
      const after = panel.locator('.process-preview--after img')
      await expect.poll(() => loadedImages(before), { timeout: 30_000 }).toBe(15)
      await expect.poll(() => loadedImages(after), { timeout: 30_000 }).toBe(15)
      await expect(panel.locator('.process-result-line')).toHaveText(
        /^js on worker threads: every core busy/
      )
    })

    await test.step('15 processed files on disk, under the same names', async () => {
      const originals = (await savedFiles(driver.outputDir)).filter((n) => n.endsWith('.jpg'))
      const processed = await savedFiles(join(driver.outputDir, 'processed'))
      expect(processed.filter((n) => n.endsWith('.jpg'))).toEqual(originals)
      expect(originals).toHaveLength(15)
    })

    await test.step('sharp on a promise pool: the chart compares the two kernels', async () => {
      await chooseStrategy(panel, 'pool', 4)
      await processWith(panel, 'sharp')
      expect(await runEnded(panel, 120_000)).toBe('Finished')
      const chart = panel.getByRole('list', { name: 'Processing time by kernel and strategy' })
      await expect(chart.locator('[data-kernel="js"][data-strategy="workers"]')).toBeVisible()
      await expect(chart.locator('[data-kernel="sharp"][data-strategy="pool"]')).toBeVisible()
      await expect(panel.locator('.process-preview--after img')).toHaveCount(15)
      await driver.screenshot('process-finished')
      await expectNoSeriousFindings(page, 'process finished')
      // The timeline and the chart sit below the tiles, in the content's own scroll.
      const shots = join(SCREENS, test.info().project.name)
      await panel
        .getByRole('region', { name: 'Timing' })
        .screenshot({ path: join(shots, 'process-chart.png') })
      await panel
        .getByRole('region', { name: 'Timeline' })
        .screenshot({ path: join(shots, 'process-timeline.png') })
    })

    await test.step('download and process: both stages, beside one after the other', async () => {
      await page.getByRole('tab', { name: 'Download images' }).click()
      await download.getByRole('checkbox', { name: /^Download and process/ }).check()
      await download
        .getByRole('button', { name: 'Download and process 15 images', exact: true })
        .click()
      // The pipeline's run replaces the finished download's in the view: its two stages show.
      await expect(download.locator('.stage-timeline')).toHaveCount(2, { timeout: 60_000 })
      expect(await runEnded(download, 120_000)).toBe('Finished')
      await expect(download.locator('.process-tile')).toHaveCount(15)
      await expect
        .poll(() => loadedImages(download.locator('.process-preview--after img')), {
          timeout: 30_000
        })
        .toBe(15)
      // The download of the same source, then sharp over its images, ran in the steps before.
      const versus = download.getByRole('list', { name: 'Pipeline against download, then process' })
      await expect(versus.getByRole('listitem')).toHaveCount(2)
      await driver.screenshot('pipeline-finished')
      await expectNoSeriousFindings(page, 'pipeline finished')
      await download
        .getByRole('region', { name: 'Timeline' })
        .screenshot({ path: join(SCREENS, test.info().project.name, 'pipeline-timeline.png') })
      await download
        .getByRole('region', { name: 'Pipeline or one stage after the other' })
        .screenshot({ path: join(SCREENS, test.info().project.name, 'pipeline-versus.png') })
    })
  } finally {
    await cdn.close()
  }
}
