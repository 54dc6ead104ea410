import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page, TestInfo } from '@playwright/test'
import { SCREENS } from './paths.ts'

/** A call at the Electron boundary that must not reach the desktop in a test. */
export interface ShellCall {
  call: 'openPath' | 'showItemInFolder' | 'chooseFolder' | 'openExternal'
  path: string
}

/** What a scenario needs from a harness: the window, the disk, and the recorded desktop calls. */
export interface Driver {
  readonly harness: 'chromium' | 'electron'
  /** The app's window (a new one after restart). */
  readonly page: Page
  /** The output folder of the settings a test starts with. */
  readonly outputDir: string
  /** What the recorded folder picker answers with. */
  readonly chosenDir: string
  /** How long a stalled body takes to fail, retries included (a bound for waits). */
  readonly stallFailsWithinMs: number
  /** Shell and dialog calls so far, in order. */
  shellCalls(): Promise<ShellCall[]>
  /** Reloads the window; main (and its state) stays. */
  reload(): Promise<void>
  /** Stops main (flushing its stores) and starts it again on the same user data, with a new window. */
  restart(): Promise<void>
  /** A PNG of the window in e2e/artifacts/screens/<project>/, attached to the report. */
  screenshot(name: string): Promise<void>
}

export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = join(SCREENS, testInfo.project.name)
  await mkdir(dir, { recursive: true })
  const path = join(dir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

/** Resolves once the window shows the download view with its settings loaded. */
export async function appReady(page: Page): Promise<void> {
  await page
    .getByRole('button', { name: /^Download \d+ images?$/ })
    .waitFor({ state: 'visible', timeout: 15_000 })
}
