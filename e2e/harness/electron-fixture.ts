/**
 * The Electron harness: the built app (out/main/index.js) under Playwright's
 * _electron, with its user data in a temp folder (E2E_USER_DATA) and its shell
 * and folder-picker calls recorded to a file (E2E_RECORD_SHELL, src/main/ports.ts).
 * On Linux with no display it starts its own Xvfb. Where the Electron binary
 * is not installed, the spec skips every test by name with the reason.
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { cpus, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import {
  _electron as electron,
  test as base,
  expect,
  type ElectronApplication,
  type Page
} from '@playwright/test'
import { defaultSettings, SETTINGS_FILE } from '../../src/main/service/stores/settings-store.ts'
import { appReady, saveScreenshot, type Driver, type ShellCall } from './driver.ts'
import { MAIN_ENTRY, REPO } from './paths.ts'
import { startXvfb, type Display } from './xvfb.ts'

/**
 * The Electron binary npm installed, or why there is none. Reads what
 * `require('electron')` reads, without calling it: that tries to download the
 * binary when it is missing (ELECTRON_SKIP_BINARY_DOWNLOAD=1 in .ci/run).
 */
export function findElectron(): { path: string } | { missing: string } {
  let dir: string
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return { missing: 'the electron package is not installed' }
  }
  const pathFile = join(dir, 'path.txt')
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined
  if (!executable && !override) {
    return { missing: `no ${pathFile} (npm skipped its download: ELECTRON_SKIP_BINARY_DOWNLOAD)` }
  }
  const path = override ? join(override, executable ?? 'electron') : join(dir, 'dist', executable!)
  return existsSync(path) ? { path } : { missing: `${path} does not exist` }
}

/** A stalled body fails after 30 s (the app's limits), tried 4 times with 0.5 + 1 + 2 s between. */
const STALL_FAILS_WITHIN_MS = 4 * 30_000 + 3_500 + 10_000

export const test = base.extend<{ driver: Driver }, { display: string | null }>({
  display: [
    // Playwright reads a fixture's dependencies from its first parameter: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const needed =
        process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
      if (!needed) return use(process.env.DISPLAY ?? null)
      let xvfb: Display | undefined
      try {
        xvfb = await startXvfb()
      } catch {
        xvfb = undefined
      }
      await use(xvfb?.name ?? 'none')
      await xvfb?.stop()
    },
    { scope: 'worker' }
  ],

  driver: async ({ display }, use, testInfo) => {
    const electronBinary = findElectron()
    testInfo.skip('missing' in electronBinary, 'Electron binary not installed')
    testInfo.skip(display === 'none', 'No display, and Xvfb could not be started')
    if ('missing' in electronBinary) return
    if (!existsSync(MAIN_ENTRY))
      throw new Error(`${MAIN_ENTRY} is missing: run \`npm run build\` first`)

    const root = await realpath(await mkdtemp(join(tmpdir(), 'cid-e2e-electron-')))
    const userDataDir = join(root, 'user-data')
    const outputDir = join(root, 'Pictures', 'Concurrent Image Downloader')
    const chosenDir = join(root, 'Chosen folder')
    const shellLog = join(root, 'shell-calls.jsonl')
    // The app's defaults, with the output folder in the temp folder instead of ~/Pictures.
    await mkdir(userDataDir, { recursive: true })
    await writeFile(
      join(userDataDir, SETTINGS_FILE),
      JSON.stringify(defaultSettings(outputDir, cpus().length), null, 2)
    )

    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && key !== 'ELECTRON_RENDERER_URL' && key !== 'ELECTRON_RUN_AS_NODE')
        env[key] = value
    }
    Object.assign(env, {
      E2E_USER_DATA: userDataDir,
      E2E_RECORD_SHELL: shellLog,
      E2E_CHOOSE_FOLDER: chosenDir,
      ...(display ? { DISPLAY: display } : {})
    })
    // Chromium refuses to run as root with its sandbox (CI containers).
    const args = process.getuid?.() === 0 ? ['--no-sandbox', MAIN_ENTRY] : [MAIN_ENTRY]

    const pageErrors: string[] = []
    let app: ElectronApplication | undefined
    let page: Page | undefined
    let tracing = 0
    const launch = async (): Promise<void> => {
      app = await electron.launch({
        executablePath: electronBinary.path,
        args,
        cwd: REPO,
        env,
        timeout: 30_000
      })
      await app.context().tracing.start({ screenshots: true, snapshots: true })
      page = await app.firstWindow()
      page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message))
      await appReady(page)
    }
    const quit = async (): Promise<void> => {
      if (!app) return
      const closing = app
      app = undefined
      const failed = testInfo.status !== testInfo.expectedStatus
      await closing
        .context()
        .tracing.stop(failed ? { path: testInfo.outputPath(`trace-${++tracing}.zip`) } : undefined)
        .catch(() => undefined)
      await closing.close()
    }
    await launch()

    const driver: Driver = {
      harness: 'electron',
      get page() {
        if (!page) throw new Error('the app is not running')
        return page
      },
      outputDir,
      chosenDir,
      stallFailsWithinMs: STALL_FAILS_WITHIN_MS,
      async shellCalls() {
        const text = await readFile(shellLog, 'utf8').catch(() => '')
        return text
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as ShellCall)
      },
      async reload() {
        await driver.page.reload()
        await appReady(driver.page)
      },
      async restart() {
        await quit()
        await launch()
      },
      screenshot: (name) => saveScreenshot(driver.page, testInfo, name)
    }

    try {
      await use(driver)
    } finally {
      if (page && testInfo.status !== testInfo.expectedStatus) {
        await saveScreenshot(page, testInfo, `failed-${testInfo.title.slice(0, 40)}`).catch(
          () => undefined
        )
      }
      await quit().catch(() => undefined)
      await rm(root, { recursive: true, force: true })
    }
    expect(pageErrors, 'uncaught errors in the window').toEqual([])
  }
})

export { expect }
