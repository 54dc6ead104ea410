/**
 * Screenshots of the built renderer against the real main-process logic
 * (createAppService over the e2e harness's window.api bridge), the simulated
 * CDN as the source: what the window shows with real events, thumbnails and
 * history. For looking, not a test.
 *
 *   npx electron-vite build && node_modules/.bin/node test/renderer/screenshot/real-main.ts
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { openRealMainPage, repo } from './real-main-page.ts'

const screens = join(repo, '.tmp/screens')
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function main(): Promise<void> {
  await mkdir(screens, { recursive: true })
  const { page, panel, close } = await openRealMainPage('shots', { width: 1400, height: 1500 })
  try {
    const context = page.context()
    const browser = context.browser()!

    await panel.getByRole('radio', { name: 'Simulated CDN (offline)' }).check()
    const fill = async (label: string, value: number): Promise<void> =>
      panel.getByRole('spinbutton', { name: label }).fill(String(value))
    await fill('Images', 15)
    await fill('Size each', 512)
    await fill('Latency', 150)
    await fill('Bandwidth', 1024)

    // A run has ended once it is in the history: the status pill still says the last run's
    // "Finished" for a moment after the click.
    const historyRows = (scope: Locator) => scope.getByRole('checkbox', { name: /^Compare/ })
    let downloads = 0
    const run = async (strategy: RegExp, wait: (page: Page) => Promise<void>): Promise<void> => {
      await panel.getByRole('radio', { name: strategy }).check()
      await panel.getByRole('button', { name: 'Download 15 images' }).click()
      await wait(page)
    }
    const ended = async (p: Page): Promise<void> => {
      await historyRows(p.locator('#panel-download')).nth(downloads++).waitFor({ timeout: 60_000 })
      await p
        .locator('#panel-download .status-pill')
        .filter({ hasText: /^(Finished|Finished with failures|Cancelled)$/ })
        .waitFor({ timeout: 60_000 })
    }

    await run(/^Sequential/, async (p) => {
      await sleep(2500)
      await p.screenshot({ path: join(screens, 'real-sequential-running.png') })
      await ended(p)
    })
    await run(/^Promise pool/, async (p) => {
      await sleep(600)
      await p.screenshot({ path: join(screens, 'real-pool-running.png') })
      await ended(p)
    })
    await run(/^Worker threads/, ended)
    await sleep(1500)
    await page.screenshot({ path: join(screens, 'real-workers-done.png') })
    // The whole of the view at once (its columns scroll inside the window): the three runs
    // compared in the timing card, the history, then side by side, then in the dark theme.
    await page.setViewportSize({ width: 1400, height: 2400 })
    await sleep(300)
    await page.screenshot({ path: join(screens, 'real-download-done.png') })
    for (const box of await panel.getByRole('checkbox', { name: /^Compare/ }).all())
      await box.check()
    await panel.getByRole('heading', { name: 'Run history' }).scrollIntoViewIfNeeded()
    await sleep(300)
    await page.screenshot({ path: join(screens, 'real-download-compare.png') })
    await page.emulateMedia({ colorScheme: 'dark' })
    await sleep(300)
    await page.screenshot({ path: join(screens, 'real-download-compare-dark.png') })
    await page.emulateMedia({ colorScheme: 'light' })
    await page.setViewportSize({ width: 1400, height: 1500 })

    await page.getByRole('tab', { name: 'Sleep demo' }).click()
    const sleepPanel = page.locator('#panel-sleep')
    let sleeps = 0
    const sleepRun = async (): Promise<void> => {
      await sleepPanel.getByRole('button', { name: 'Run', exact: true }).click()
      await historyRows(sleepPanel).nth(sleeps++).waitFor({ timeout: 30_000 })
      await sleepPanel
        .locator('.status-pill')
        .filter({ hasText: /^(Finished|Finished with failures|Cancelled)$/ })
        .waitFor({ timeout: 30_000 })
    }
    // The history rows of the sleep demo: a preset, a custom promise pool with timers
    // (the longest strategy name), then map.
    await sleepPanel.getByRole('button', { name: /Two threads of 1.5 s/ }).click()
    await sleepRun()
    await sleepPanel.getByRole('textbox', { name: 'Sleeps, in seconds' }).fill('1, 1.5, 0.5, 1')
    await sleepPanel.getByRole('radio', { name: /^Promise pool/ }).check()
    await sleepPanel.getByRole('spinbutton', { name: /^Concurrency/ }).fill('4')
    await sleepPanel.getByRole('radio', { name: /^Timer/ }).check()
    await sleepRun()
    await sleepPanel.getByRole('button', { name: /map over 5, 4, 3, 2, 1/ }).click()
    await sleepRun()
    await page.screenshot({ path: join(screens, 'real-sleep-map.png') })
    await page.setViewportSize({ width: 1400, height: 1900 })
    await sleep(300)
    await page.screenshot({ path: join(screens, 'real-sleep-history.png') })
    await page.emulateMedia({ colorScheme: 'dark' })
    await sleep(300)
    await page.screenshot({ path: join(screens, 'real-sleep-history-dark.png') })
    await page.emulateMedia({ colorScheme: 'light' })
    await page.setViewportSize({ width: 1400, height: 1500 })

    // 500 images at once: does the window keep up?
    await page.getByRole('tab', { name: 'Download images' }).click()
    await fill('Images', 500)
    await fill('Size each', 64)
    await fill('Latency', 100)
    await fill('Bandwidth', 0)
    await panel.getByRole('radio', { name: /^Promise pool/ }).check()
    await panel.getByRole('spinbutton', { name: /^Concurrency/ }).fill('32')
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] }
      w.__longTasks = []
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          w.__longTasks.push(Math.round(entry.duration), Math.round(entry.startTime))
      }).observe({ type: 'longtask' })
    })
    const cdp = await context.newCDPSession(page)
    if (process.env.PROFILE) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.start')
    }
    if (process.env.TRACE)
      await browser.startTracing(page, { path: join(screens, 'trace-500.json') })
    const clicked = await page.evaluate(() => performance.now())
    await panel.getByRole('button', { name: 'Download 500 images' }).click()
    await sleep(1500)
    await page.screenshot({ path: join(screens, 'real-500-running.png') })
    await ended(page)
    const endedAt = await page.evaluate(() => performance.now())
    if (process.env.TRACE) await browser.stopTracing()
    await sleep(1500)
    console.log(
      `500 images: clicked at ${Math.round(clicked)}, ended at ${Math.round(endedAt)} (${Math.round(endedAt - clicked)} ms)`
    )
    if (process.env.PROFILE) {
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
        profile: {
          nodes: {
            id: number
            callFrame: { functionName: string; url: string; lineNumber: number }
          }[]
          samples: number[]
          timeDeltas: number[]
        }
      }
      const self = new Map<number, number>()
      profile.samples.forEach((id, i) =>
        self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
      )
      const byName = new Map<string, number>()
      for (const node of profile.nodes) {
        const key = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`
        byName.set(key, (byName.get(key) ?? 0) + (self.get(node.id) ?? 0))
      }
      const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)
      for (const [name, us] of top) console.log(`${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`)
    }
    await page.screenshot({ path: join(screens, 'real-500-done.png') })
    await panel
      .getByRole('region', { name: 'Timing' })
      .screenshot({ path: join(screens, 'real-500-timing.png') })
    const longTasks = await page.evaluate(
      () => (window as unknown as { __longTasks: number[] }).__longTasks
    )
    console.log(
      `500 images: long tasks ${longTasks.length ? longTasks.join(', ') + ' ms' : 'none'}`
    )
    console.log(`screens in ${screens}: real-*.png`)
    await context.close()
  } finally {
    await close()
  }
}

await main()
