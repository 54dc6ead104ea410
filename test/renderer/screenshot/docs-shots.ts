/**
 * The README's screenshots: the built renderer against the real main-process
 * logic (as real-main.ts), the simulated CDN as the source, at 1400 × 900 and
 * 1024 × 768, light and dark. Written to docs/screenshots as WebP (at most 300 KB).
 *
 *   npx electron-vite build && node_modules/.bin/node test/renderer/screenshot/docs-shots.ts
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { openRealMainPage, repo } from './real-main-page.ts'

const out = join(repo, 'docs/screenshots')
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function save(page: Page, name: string): Promise<void> {
  const png = await page.screenshot()
  const webp = await sharp(png).webp({ quality: 82 }).toBuffer()
  await writeFile(join(out, `${name}.webp`), webp)
  console.log(`${name}.webp: ${Math.round(webp.length / 1024)} KB`)
  if (process.env.PNG) await writeFile(join(repo, '.tmp/screens', `${name}.png`), png)
}

async function both(page: Page, name: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' })
  await sleep(200)
  await save(page, `${name}-light`)
  await page.emulateMedia({ colorScheme: 'dark' })
  await sleep(200)
  await save(page, `${name}-dark`)
  await page.emulateMedia({ colorScheme: 'light' })
}

async function main(): Promise<void> {
  await mkdir(out, { recursive: true })
  await mkdir(join(repo, '.tmp/screens'), { recursive: true })
  const { page, panel, close } = await openRealMainPage('docs', { width: 1400, height: 900 })
  try {
    await both(page, 'empty-1400')

    // Offline: hosts that do not resolve, and a port that refuses.
    await panel
      .getByRole('textbox', { name: 'Image URLs, one a line' })
      .fill([1, 2, 3, 4, 5, 6].map((i) => `https://photos-${i}.invalid/photo-${i}.jpg`).join('\n'))
    await panel.getByRole('radio', { name: /^Promise pool/ }).check()
    await panel.getByRole('button', { name: 'Download 6 images' }).click()
    await panel.getByText('You appear to be offline').waitFor({ timeout: 60_000 })
    await sleep(300)
    await page.setViewportSize({ width: 1024, height: 768 })
    await both(page, 'offline-1024')
    await page.setViewportSize({ width: 1400, height: 900 })

    await panel.getByRole('button', { name: 'Use the simulated CDN' }).click()
    const fill = async (label: string, value: number): Promise<void> =>
      panel.getByRole('spinbutton', { name: label }).fill(String(value))
    await fill('Images', 15)
    await fill('Size each', 512)
    await fill('Latency', 150)
    await fill('Bandwidth', 1024)
    const ended = async (n: number): Promise<void> => {
      await panel
        .getByRole('checkbox', { name: /^Compare/ })
        .nth(n)
        .waitFor({ timeout: 90_000 })
    }
    let runs = 1
    for (const strategy of [/^Sequential/, /^Worker threads/, /^Promise pool/]) {
      await panel.getByRole('radio', { name: strategy }).check()
      await panel.getByRole('button', { name: 'Download 15 images' }).click()
      if (runs === 1) {
        await sleep(2500)
        await both(page, 'running-1400')
      }
      await ended(runs++)
      await panel.getByText(/^Making previews/).waitFor({ state: 'detached', timeout: 30_000 })
    }
    await sleep(600)
    await both(page, 'done-1400')
    await page.setViewportSize({ width: 1024, height: 768 })
    await both(page, 'done-1024')

    for (const box of (await panel.getByRole('checkbox', { name: /^Compare/ }).all()).slice(0, 4))
      await box.check()
    await panel.locator('.side-by-side').scrollIntoViewIfNeeded()
    await sleep(300)
    await both(page, 'compare-1024')
    await page.setViewportSize({ width: 1400, height: 900 })
    await panel.locator('.side-by-side').scrollIntoViewIfNeeded()
    await sleep(300)
    await both(page, 'compare-1400')

    // The Process step over real-size photos: js on worker threads, the CPU gauge live, then done.
    await panel.getByRole('checkbox', { name: /^Real-size photos/ }).check()
    await panel.getByRole('radio', { name: /^Promise pool/ }).check()
    await panel.getByRole('button', { name: 'Download 15 images' }).click()
    await ended(runs++)
    await panel.getByText(/^Making previews/).waitFor({ state: 'detached', timeout: 60_000 })
    await page.getByRole('tab', { name: 'Process images' }).click()
    const processPanel = page.locator('#panel-process')
    await processPanel.getByRole('radio', { name: /^Worker threads/ }).check()
    await processPanel.getByRole('spinbutton', { name: /^Concurrency/ }).fill('2')
    await processPanel.getByRole('radio', { name: /^JavaScript/ }).check()
    await processPanel.getByRole('button', { name: 'Process 15 images' }).click()
    await processPanel.locator('.cpu-gauge[data-live="true"]').waitFor({ timeout: 60_000 })
    await sleep(2500)
    await both(page, 'process-running-1400')
    await processPanel.getByText('Finished', { exact: true }).waitFor({ timeout: 300_000 })
    await sleep(800)
    await both(page, 'process-1400')

    await page.getByRole('tab', { name: 'Sleep demo' }).click()
    const sleepPanel = page.locator('#panel-sleep')
    await sleepPanel.getByRole('button', { name: /map over 5, 4, 3, 2, 1/ }).click()
    await sleepPanel.getByRole('button', { name: 'Run', exact: true }).click()
    await sleep(2600)
    await both(page, 'sleep-running-1400')
    await page.context().close()
  } finally {
    await close()
  }
}

await main()
