import { expect, test } from '@playwright/test'
import type { Driver } from '../harness/driver.ts'
import {
  chooseSimulatedSource,
  chooseStrategy,
  chooseUrlList,
  downloadPanel,
  expectThumbnailsLoaded,
  fillNumber,
  runEnded,
  tiles
} from './ui.ts'

/** A simulated CDN of many small images: its previews are still being made as its last image ends. */
const MANY = { count: 60, sizeKB: 256, latencyMs: 40, bandwidthKBps: 0 }

/**
 * The run ends with its last image: Finished, the clock stopped at the run's own
 * time (the history and the timing card say the same), Download ready again;
 * the previews come after, all of them.
 */
export async function runEndsWithLastImage(driver: Driver): Promise<void> {
  const { page } = driver
  const panel = downloadPanel(page)
  await chooseSimulatedSource(page, MANY)
  await chooseStrategy(panel, 'pool', 16)
  await panel.getByRole('button', { name: `Download ${MANY.count} images`, exact: true }).click()
  expect(await runEnded(panel)).toBe('Finished')
  await expect(panel.getByRole('button', { name: `Download ${MANY.count} images` })).toBeEnabled()
  await expect(panel.locator('.run-words')).toHaveText(`${MANY.count} of ${MANY.count} saved`)

  const clock = panel.getByTitle('Elapsed', { exact: true })
  const timing = panel.getByRole('region', { name: 'Timing' })
  const elapsedStat = timing.getByRole('group', { name: 'Last run' }).locator('dd').first()
  await expect(elapsedStat).toBeVisible()
  await test.step('the clock stopped at the run’s own time, as the history has it', async () => {
    const recorded = (await elapsedStat.locator('.stat-value').textContent())?.trim()
    await expect(clock).toHaveText(`Elapsed ${recorded!}`)
    await expect(panel.locator('.history-row').first().locator('.history-elapsed')).toHaveText(
      recorded!
    )
  })
  await test.step('the previews follow, every one', async () => {
    await expectThumbnailsLoaded(page, await tiles(page).count())
    await expect(panel.getByText(/^Making previews/)).toHaveCount(0, { timeout: 30_000 })
  })
}

/**
 * The first run of a user with no network: every host unreachable. One notice
 * says so and offers the simulated CDN and a retry of the failed URLs.
 */
export async function offlineFirstRun(driver: Driver): Promise<void> {
  const { page } = driver
  const panel = downloadPanel(page)
  // `.invalid` never resolves; port 1 on loopback refuses the connection.
  const urls = [
    ...[1, 2, 3, 4].map((i) => `http://photos-${i}.invalid/photo-${i}.jpg`),
    'http://127.0.0.1:1/photo-5.jpg'
  ]
  await chooseUrlList(page, urls)
  await chooseStrategy(panel, 'pool', 5)
  await panel.getByRole('button', { name: 'Download 5 images', exact: true }).click()
  expect(await runEnded(panel, 30_000)).toBe('Finished with failures')
  const notice = panel.getByRole('group', { name: 'You appear to be offline' })
  await expect(notice).toBeVisible()
  await expect(notice).toContainText('5 of 5 images could not reach their server')
  await expect(panel.getByRole('group', { name: 'You appear to be offline' })).toHaveCount(1)
  await driver.screenshot('offline')

  await test.step('Retry failed starts a run of just those URLs', async () => {
    await notice.getByRole('button', { name: 'Retry failed' }).click()
    // Hosts that do not resolve fail at once: the run may start and end between two looks, so
    // it is found in the history (a second run), not by a 'Running' it may never show.
    await expect(panel.getByRole('checkbox', { name: /^Compare/ })).toHaveCount(2, {
      timeout: 60_000
    })
    expect(await runEnded(panel, 30_000)).toBe('Finished with failures')
    await expect(tiles(page)).toHaveCount(5)
  })
  await test.step('the simulated CDN is one click away', async () => {
    await panel.getByRole('button', { name: 'Use the simulated CDN' }).click()
    await expect(panel.getByRole('radio', { name: 'Simulated CDN (offline)' })).toBeChecked()
    // And it is kept: the settings have it after a reload.
    await expect
      .poll(async () => {
        await driver.reload()
        return downloadPanel(page)
          .getByRole('radio', { name: 'Simulated CDN (offline)' })
          .isChecked()
      })
      .toBe(true)
  })
}

/** The focus follows the run: to Cancel when it starts, back to Download when it ends. */
export async function focusFollowsTheRun(driver: Driver): Promise<void> {
  const { page } = driver
  const panel = downloadPanel(page)
  await chooseSimulatedSource(page, { count: 6, sizeKB: 64, latencyMs: 400, bandwidthKBps: 0 })
  await chooseStrategy(panel, 'pool', 2)
  const download = panel.getByRole('button', { name: 'Download 6 images', exact: true })
  await download.focus()
  await page.keyboard.press('Enter')
  await expect(panel.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused()
  expect(await runEnded(panel)).toBe('Finished')
  await expect(download).toBeFocused()
}

/** While a field is invalid, the start button is disabled and says why: no stale value. */
export async function invalidFieldBlocksStart(driver: Driver): Promise<void> {
  const { page } = driver
  const panel = downloadPanel(page)
  await panel.getByRole('radio', { name: 'Simulated CDN (offline)' }).check()
  const images = panel.getByRole('spinbutton', { name: 'Images' })
  await images.fill('20000')
  const blocked = panel.getByRole('button', { name: 'Download', exact: true })
  await expect(blocked).toBeDisabled()
  await expect(blocked).toHaveAccessibleDescription('Images: Between 1 and 10000')
  await images.fill('')
  await expect(blocked).toHaveAccessibleDescription('Images: Enter a number')
  await fillNumber(panel, 'Images', 12)
  await expect(panel.getByRole('button', { name: 'Download 12 images', exact: true })).toBeEnabled()
}

/** Tab and Shift+Tab reach every tile of a long, virtualized grid, from either side. */
export async function everyTileByKeyboard(driver: Driver): Promise<void> {
  const { page } = driver
  const panel = downloadPanel(page)
  test.info().setTimeout(180_000)
  const count = 100
  await chooseSimulatedSource(page, { count, sizeKB: 2, latencyMs: 0, bandwidthKBps: 0 })
  await chooseStrategy(panel, 'pool', 32)
  const download = panel.getByRole('button', { name: `Download ${count} images`, exact: true })
  await download.click()
  expect(await runEnded(panel, 120_000)).toBe('Finished')
  const focusedIndex = (): Promise<number> =>
    page.evaluate(() =>
      Number(
        (document.activeElement?.closest('[data-index]') as HTMLElement | null)?.dataset.index ?? -1
      )
    )
  await test.step('Shift+Tab into the grid from below lands on its last tile', async () => {
    // The first stop below the grid: the finished download's "Process these images" link.
    await panel.getByRole('button', { name: 'Process these images →' }).focus()
    await page.keyboard.press('Shift+Tab')
    await expect.poll(focusedIndex).toBe(count - 1)
  })
  await test.step('Tab into it from above lands on its first tile', async () => {
    // The last stop above the grid: the "Download and process" checkbox under the run's buttons.
    await panel.getByRole('checkbox', { name: /^Download and process/ }).focus()
    await page.keyboard.press('Tab')
    await expect.poll(focusedIndex).toBe(0)
  })
  await test.step('Tab walks past the rows drawn at first', async () => {
    const drawn = await tiles(page).count()
    // Two stops a saved tile: its picture and its Open button.
    for (let i = 0; i < 2 * (drawn + 4); i++) await page.keyboard.press('Tab')
    await expect.poll(focusedIndex).toBeGreaterThanOrEqual(drawn + 3)
  })
}
