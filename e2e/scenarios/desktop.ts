import { readdir } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import type { SimulatedSource } from '../../src/common/schemas.ts'
import type { Driver } from '../harness/driver.ts'
import { chooseSimulatedSource, startDownload, tiles } from './ui.ts'

/** Slow enough that the run is still going when the app is asked to quit: 64 KB/s per image. */
const SLOW: SimulatedSource = { count: 4, sizeKB: 512, latencyMs: 0, bandwidthKBps: 64 }

/**
 * Electron only: quitting during a run asks before cancelling it (the harness's
 * E2E_RECORD_SHELL records the question and answers "Cancel the run and quit",
 * src/main/quit-guard.ts), and the app comes back with no partial file left.
 */
export async function quitDuringARunAsksFirst(driver: Driver): Promise<void> {
  await test.step('start a slow run', async () => {
    await chooseSimulatedSource(driver.page, SLOW)
    await startDownload(driver.page, SLOW.count)
    await expect(
      tiles(driver.page).and(driver.page.locator('[data-status="running"]')).first()
    ).toBeVisible()
  })
  await test.step('quit and start again', async () => {
    await driver.restart()
  })
  const calls = await driver.shellCalls()
  expect(calls.map((call) => call.call as string)).toContain('askQuit')
  // The cancelled run removed its partial files before the app quit.
  const left = await readdir(driver.outputDir).catch(() => [] as string[])
  expect(left.filter((name) => name.endsWith('.part'))).toEqual([])
}
