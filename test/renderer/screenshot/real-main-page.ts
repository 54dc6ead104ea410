/**
 * The built renderer in Chromium against the real main-process logic (createAppService over
 * the e2e harness's window.api bridge): what real-main.ts and docs-shots.ts take pictures of.
 */
import { mkdtemp, realpath, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Locator, type Page } from 'playwright-core'
import type { AppApi } from '../../../src/common/api.ts'
import { CHROMIUM_LAUNCH } from '../../../e2e/harness/chromium-launch.ts'

export const repo = resolve(import.meta.dirname, '../../..')

// Loaded by path so that the renderer's type project does not take in main and e2e code.
interface Service extends AppApi {
  readonly thumbnailDir: string
  dispose(): Promise<void>
}
const load = (path: string): Promise<Record<string, (...args: never[]) => unknown>> =>
  import(pathToFileURL(join(repo, path)).href)
const { createAppService } = (await load('src/main/service/app-service.ts')) as unknown as {
  createAppService(options: unknown): Promise<Service>
}
const { startRendererServer } = (await load('e2e/harness/static-server.ts')) as unknown as {
  startRendererServer(options: {
    root: string
    thumbnailDir: () => string | undefined
  }): Promise<{ origin: string; thumbnailUrl(rel: string): string; close(): Promise<void> }>
}
const { bridgeWindowApi } = (await load('e2e/harness/window-api.ts')) as unknown as {
  bridgeWindowApi(page: Page): Promise<{ attach(service: Service): void }>
}

export interface RealMainPage {
  page: Page
  /** The Download view's panel, its Download button drawn. */
  panel: Locator
  close(): Promise<void>
}

/** Opens the window at `viewport`, with a fresh service (its own user data) named `tag`. */
export async function openRealMainPage(
  tag: string,
  viewport: { width: number; height: number }
): Promise<RealMainPage> {
  const root = await realpath(await mkdtemp(join(tmpdir(), `cid-${tag}-`)))
  const current: { service?: Service } = {}
  const server = await startRendererServer({
    root: join(repo, 'out/renderer'),
    thumbnailDir: () => current.service?.thumbnailDir
  })
  const service = await createAppService({
    userDataDir: join(root, 'user-data'),
    cacheDir: join(root, 'cache'),
    defaultOutputDir: join(root, 'Pictures', 'Concurrent Image Downloader'),
    appVersion: `0.0.0-${tag}`,
    thumbnailUrl: server.thumbnailUrl,
    shell: { openPath: async () => '', showItemInFolder: () => undefined },
    dialog: { chooseFolder: async () => null }
  })
  current.service = service
  const browser = await chromium.launch(CHROMIUM_LAUNCH)
  const close = async (): Promise<void> => {
    await browser.close()
    await service.dispose()
    await server.close()
    await rm(root, { recursive: true, force: true })
  }
  try {
    const page = await (await browser.newContext({ viewport })).newPage()
    page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`))
    page.on('console', (m) => m.type() === 'error' && console.log(`console: ${m.text()}`))
    ;(await bridgeWindowApi(page)).attach(service)
    await page.goto(`${server.origin}/`)
    const panel = page.locator('#panel-download')
    await panel.getByRole('button', { name: /^Download \d+ images?$/ }).waitFor()
    return { page, panel, close }
  } catch (error) {
    await close()
    throw error
  }
}
