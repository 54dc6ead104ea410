import { mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { SimulatedSource } from '../../src/common/schemas.ts'
import type { Driver } from '../harness/driver.ts'
import { SCREENS } from '../harness/paths.ts'
import { expectNoSeriousFindings } from './a11y.ts'
import {
  chooseSimulatedSource,
  chooseStrategy,
  downloadPanel,
  runCounts,
  runEnded,
  savedFiles,
  startDownload
} from './ui.ts'

/** Four images at 64 KB/s each: four seconds a body, so the restart finds each one partway. */
const SLOW: SimulatedSource = { count: 4, sizeKB: 256, latencyMs: 0, bandwidthKBps: 64 }

const partsIn = async (dir: string): Promise<string[]> =>
  (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.part'))

/**
 * The app quits in the middle of a run (main stops and starts again on the same
 * user data, as after a restart): its history entry offers Resume, and Resume
 * finishes the four images into the same folder, leaving no `.part` file.
 */
export async function resumeAfterQuit(driver: Driver): Promise<void> {
  test.setTimeout(120_000)
  const panel = () => downloadPanel(driver.page)
  await test.step('a slow run, every image partway', async () => {
    await chooseSimulatedSource(driver.page, SLOW)
    await chooseStrategy(panel(), 'pool', SLOW.count)
    await startDownload(driver.page, SLOW.count)
    await expect
      .poll(async () => (await partsIn(driver.outputDir)).length, { timeout: 30_000 })
      .toBe(SLOW.count)
  })
  await test.step('quit and start again: the parts stay, and the run offers Resume', async () => {
    await driver.restart()
    expect(await partsIn(driver.outputDir)).toHaveLength(SLOW.count)
    const resume = panel().getByRole('button', { name: /^Resume .*: 4 images left$/ })
    await expect(resume).toBeVisible()
    await expect(panel().getByText(/The app quit during this run: 4 images left/)).toBeVisible()
    await expectNoSeriousFindings(driver.page, 'an interrupted run offering Resume')
    await shot(
      driver,
      panel().locator('section', {
        has: driver.page.getByRole('heading', { name: 'Run history' })
      }),
      'history-resume'
    )
  })
  await test.step('Resume finishes the four images in the same folder', async () => {
    await panel()
      .getByRole('button', { name: /^Resume/ })
      .click()
    expect(await runEnded(panel(), 60_000)).toBe('Finished')
    expect(await runCounts(driver.page)).toMatchObject({ saved: SLOW.count, failed: 0 })
    // savedFiles fails on a `.part` file left behind.
    expect(await savedFiles(driver.outputDir)).toHaveLength(SLOW.count)
    await expect(panel().getByText(/interrupted, resumed/)).toBeVisible()
    await expect(panel().getByRole('button', { name: /^Resume/ })).toHaveCount(0)
  })
}

/** A PNG of one part of the window, beside the harness's screenshots, for a person to look at. */
async function shot(
  driver: Driver,
  locator: ReturnType<Driver['page']['locator']>,
  name: string
): Promise<void> {
  const dir = join(SCREENS, driver.harness)
  await mkdir(dir, { recursive: true })
  await locator.screenshot({ path: join(dir, `${name}.png`) })
}

/** The stall guard's control under How: shown with its hint, for a person to look at. */
export async function stallControl(driver: Driver): Promise<void> {
  const group = downloadPanel(driver.page).getByRole('group', { name: 'Stalled downloads' })
  await expect(group.getByRole('spinbutton', { name: 'Slowest speed' })).toHaveValue('1')
  await expect(group.getByRole('spinbutton', { name: 'Measured over' })).toHaveValue('20')
  await shot(driver, group, 'stall-control')
  await group.getByRole('spinbutton', { name: 'Measured over' }).fill('0')
  await expect(
    downloadPanel(driver.page).getByText('Measured over: Between 1 and 3600')
  ).toBeVisible()
  await shot(driver, group, 'stall-control-invalid')
  await group.getByRole('spinbutton', { name: 'Measured over' }).fill('30')
  // Saved like the other settings: still there after a restart.
  await driver.restart()
  await expect(
    downloadPanel(driver.page)
      .getByRole('group', { name: 'Stalled downloads' })
      .getByRole('spinbutton', { name: 'Measured over' })
  ).toHaveValue('30')
}
