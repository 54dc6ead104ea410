/**
 * The Chromium harness: the built renderer (out/renderer) in Debian's Chromium,
 * served on loopback, with window.api backed by the real main-process logic
 * (createAppService + createHandlers) in this Node process. Each test gets
 * fresh temp folders, a fresh service, and its own server.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, realpath, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect } from '@playwright/test'
import type { DialogPort, ShellPort } from '../../src/main/service/app-service.ts'
import { createAppService, type AppService } from '../../src/main/service/app-service.ts'
import type { SecretCipher } from '../../src/main/service/unsplash/unsplash-store.ts'
import { runDownloads, runSleep } from '../../src/engine/run.ts'
import type { DownloadLimits } from '../../src/common/defaults.ts'
import { appReady, saveScreenshot, type Driver, type ShellCall } from './driver.ts'
import { RENDERER_DIR } from './paths.ts'
import { startRendererServer } from './static-server.ts'
import { BEACON_PATH, bridgeWindowApi, type WindowApiBridge } from './window-api.ts'

/**
 * The engine's own limits, shortened so that a stalled download fails within
 * seconds instead of 4 × 30 s. Everything else is the app's default.
 */
export const E2E_LIMITS: Partial<DownloadLimits> = {
  bodyTimeoutMs: 1500,
  maxRetries: 1,
  retryBaseDelayMs: 200
}
/** safeStorage's stand-in: what it writes is not the key it was given (XOR, test only). */
const TEST_CIPHER: SecretCipher = {
  canEncrypt: () => true,
  encrypt: (text) => Buffer.from(Buffer.from(text).map((b) => b ^ 0x5a)),
  decrypt: (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString()
}
const STALL_FAILS_WITHIN_MS = 2 * 1500 + 200 + 3000

export const test = base.extend<{ driver: Driver; bridge: WindowApiBridge }>({
  bridge: async ({ page }, use) => {
    await use(await bridgeWindowApi(page))
  },

  driver: async ({ page, bridge }, use, testInfo) => {
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
      throw new Error(`${RENDERER_DIR} is missing: run \`npm run build\` first`)
    }
    const root = await realpath(await mkdtemp(join(tmpdir(), 'cid-e2e-')))
    const userDataDir = join(root, 'user-data')
    const cacheDir = join(root, 'cache')
    const outputDir = join(root, 'Pictures', 'Concurrent Image Downloader')
    const chosenDir = join(root, 'Chosen folder')
    const calls: ShellCall[] = []
    const logs: string[] = []
    const pageErrors: string[] = []
    const consoleErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('response', (response) => {
      if (response.status() >= 400) consoleErrors.push(`${response.status()} ${response.url()}`)
    })

    const shell: ShellPort = {
      async openPath(path) {
        calls.push({ call: 'openPath', path })
        return ''
      },
      showItemInFolder: (path) => void calls.push({ call: 'showItemInFolder', path })
    }
    const dialog: DialogPort = {
      async chooseFolder(defaultPath) {
        calls.push({ call: 'chooseFolder', path: defaultPath })
        return chosenDir
      }
    }

    let service: AppService | undefined
    const server = await startRendererServer({
      root: RENDERER_DIR,
      thumbnailDir: () => service?.thumbnailDir,
      beaconPath: BEACON_PATH,
      onBeacon: (body) => bridge.beacon(body),
      // The fake Unsplash API's thumbnails are on the simulated CDN, on loopback (README).
      extraImgSrc: 'http://127.0.0.1:*'
    })
    const open = (): Promise<AppService> =>
      createAppService({
        userDataDir,
        cacheDir,
        defaultOutputDir: outputDir,
        appVersion: '0.0.0-e2e',
        thumbnailUrl: server.thumbnailUrl,
        shell,
        dialog,
        engine: {
          runDownloads: (options) => runDownloads({ ...options, limits: E2E_LIMITS }),
          runSleep
        },
        log: (message) => void logs.push(message),
        // No UNSPLASH_ACCESS_KEY from the shell; a key pasted in the window is "encrypted".
        env: {},
        secretCipher: TEST_CIPHER,
        openExternal: async (url) => void calls.push({ call: 'openExternal', path: url })
      })
    service = await open()
    bridge.attach(service)
    await page.goto(`${server.origin}/`)
    await appReady(page)

    const driver: Driver = {
      harness: 'chromium',
      page,
      outputDir,
      chosenDir,
      stallFailsWithinMs: STALL_FAILS_WITHIN_MS,
      shellCalls: async () => calls.slice(),
      async reload() {
        await page.reload()
        await appReady(page)
      },
      async restart() {
        const old = service
        service = undefined
        await old?.dispose()
        service = await open()
        bridge.attach(service)
        await page.reload()
        await appReady(page)
      },
      screenshot: (name) => saveScreenshot(page, testInfo, name)
    }

    try {
      await use(driver)
    } finally {
      await service?.dispose().catch((error: Error) => logs.push(`dispose: ${error.message}`))
      await server.close()
      if (logs.length) await testInfo.attach('main-log.txt', { body: logs.join('\n') })
      if (consoleErrors.length)
        await testInfo.attach('console-errors.txt', { body: consoleErrors.join('\n') })
      await rm(root, { recursive: true, force: true })
    }
    expect(pageErrors, 'uncaught errors in the window').toEqual([])
  }
})

export { expect }
