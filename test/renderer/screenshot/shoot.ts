/**
 * Screenshots of the built renderer (out/renderer) in Debian's Chromium, with
 * the scripted window.api of fake-api.ts. For looking at the UI, not a test.
 *
 *   npx electron-vite build && node_modules/.bin/node test/renderer/screenshot/shoot.ts [name...]
 *
 * PNGs go to .tmp/screens; long tasks seen during each scenario are printed.
 */
import { createServer, type Server } from 'node:http'
import { mkdir, readFile } from 'node:fs/promises'
import { extname, join, normalize, resolve } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { installFakeApi, type FakeOptions } from './fake-api.ts'
import { CHROMIUM_LAUNCH } from '../../../e2e/harness/chromium-launch.ts'

const repo = resolve(import.meta.dirname, '../../..')
const root = join(repo, 'out/renderer')
const screens = join(repo, '.tmp/screens')

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png'
}

function serve(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname))
    // The browser asks for one; the app has none.
    if (path === '/favicon.ico') return void res.writeHead(204).end()
    const file = join(root, path === '/' ? 'index.html' : path)
    if (!file.startsWith(root)) return void res.writeHead(403).end()
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(body),
      () => res.writeHead(404).end()
    )
  })
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      done({ server, url: `http://127.0.0.1:${port}/` })
    })
  )
}

interface Scenario {
  name: string
  fake: FakeOptions
  dark?: boolean
  width?: number
  height?: number
  act?(page: Page): Promise<void>
}

const FAILING = [
  'https://images.unsplash.com/photo-1516117172878-fd2c41f4a759',
  'https://images.unsplash.com/photo-1532009324734-20a7a5813719',
  'https://example.com/missing/photo-404',
  'https://images.unsplash.com/photo-1524429656589-6633a470097c',
  'https://example.com/gallery/index.html',
  'https://images.unsplash.com/photo-1530224264768-7ff8c1789d79',
  'https://cdn.example.net/slow/photo-big',
  'https://images.unsplash.com/photo-1564135624576-c5c88640f235',
  'https://images.unsplash.com/photo-1541698444083-023c97d3f4b6',
  'htps://typo.example/photo',
  'not a url at all',
  'https://cdn.example.net/flaky/photo-7'
]

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

const download = async (page: Page, waitMs: number): Promise<void> => {
  await page.getByRole('button', { name: /^Download \d+ image/ }).click()
  await sleep(waitMs)
}

const scenarios: Scenario[] = [
  { name: 'empty', fake: { seed: 'none' }, act: () => sleep(300) },
  { name: 'running', fake: { seed: 'comparison' }, height: 1500, act: (p) => download(p, 1300) },
  { name: 'done', fake: { seed: 'comparison' }, height: 1700, act: (p) => download(p, 4500) },
  {
    name: 'narrow',
    fake: { seed: 'comparison' },
    width: 1024,
    height: 768,
    act: (p) => download(p, 4500)
  },
  {
    name: 'done-dark',
    fake: { seed: 'comparison' },
    dark: true,
    height: 1700,
    act: (p) => download(p, 4500)
  },
  {
    name: 'failures',
    fake: { seed: 'none', urls: FAILING },
    height: 1300,
    act: async (page) => {
      await page.locator('#panel-download').getByLabel('Concurrency (downloads at once)').fill('4')
      await download(page, 4500)
    }
  },
  {
    name: 'cancelled',
    fake: { seed: 'none' },
    height: 1300,
    act: async (page) => {
      await page.getByRole('radio', { name: /Sequential/ }).check()
      await download(page, 2500)
      await page.getByRole('button', { name: 'Cancel' }).click()
      await sleep(400)
    }
  },
  {
    name: 'compare',
    fake: { seed: 'comparison' },
    height: 1900,
    act: async (page) => {
      await sleep(300)
      for (const box of await page.getByRole('checkbox', { name: /^Compare/ }).all())
        await box.check()
      await page.getByRole('heading', { name: 'Run history' }).scrollIntoViewIfNeeded()
      await sleep(200)
    }
  },
  {
    name: 'sleep-running',
    fake: { seed: 'none' },
    act: async (page) => {
      await page.getByRole('tab', { name: 'Sleep demo' }).click()
      await page.getByRole('button', { name: /map over 5, 4, 3, 2, 1/ }).click()
      await page.getByRole('button', { name: 'Run', exact: true }).click()
      await sleep(2600)
    }
  },
  {
    name: 'sleep-done',
    fake: { seed: 'none' },
    height: 1100,
    act: async (page) => {
      await page.getByRole('tab', { name: 'Sleep demo' }).click()
      await page
        .getByRole('button', { name: /as_completed/ })
        .first()
        .click()
      await page.getByRole('button', { name: 'Run', exact: true }).click()
      await sleep(5600)
    }
  },
  {
    name: 'sleep-done-dark',
    fake: { seed: 'none' },
    dark: true,
    height: 1100,
    act: async (page) => {
      await page.getByRole('tab', { name: 'Sleep demo' }).click()
      await page.getByRole('button', { name: /Ten threads/ }).click()
      await page.getByRole('button', { name: 'Run', exact: true }).click()
      await sleep(2000)
    }
  },
  {
    name: 'many-500',
    fake: { seed: 'none', sourceKind: 'simulated' },
    height: 1400,
    act: async (page) => {
      const panel = page.locator('#panel-download')
      await panel.getByRole('radio', { name: 'Simulated CDN (offline)' }).check()
      await panel.getByRole('spinbutton', { name: 'Images' }).fill('500')
      await panel.getByLabel('Size each').fill('300')
      await panel.getByLabel('Latency').fill('200')
      await panel.getByLabel('Bandwidth').fill('1000')
      await panel.getByRole('radio', { name: /Promise pool/ }).check()
      await panel.getByLabel('Concurrency (pool size)').fill('32')
      await download(page, 4000)
    }
  }
]

async function main(): Promise<void> {
  const only = process.argv.slice(2)
  await mkdir(screens, { recursive: true })
  const { server, url } = await serve()
  const browser = await chromium.launch(CHROMIUM_LAUNCH)
  try {
    for (const scenario of scenarios) {
      if (only.length && !only.includes(scenario.name)) continue
      const context = await browser.newContext({
        viewport: { width: scenario.width ?? 1360, height: scenario.height ?? 900 },
        colorScheme: scenario.dark ? 'dark' : 'light'
      })
      const page = await context.newPage()
      const problems: string[] = []
      page.on(
        'console',
        (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(m.text())
      )
      page.on('pageerror', (e) => problems.push(e.message))
      await page.addInitScript(installFakeApi, scenario.fake)
      await page.addInitScript(() => {
        const w = window as unknown as { __longTasks: number[] }
        w.__longTasks = []
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.__longTasks.push(Math.round(entry.duration))
        }).observe({ type: 'longtask', buffered: true })
      })
      await page.goto(url)
      await page.getByRole('tab', { name: 'Download images' }).waitFor()
      await sleep(200)
      const before = await page.evaluate(
        () => (window as unknown as { __longTasks: number[] }).__longTasks.length
      )
      await scenario.act?.(page)
      const longTasks = await page.evaluate(
        (skip) => (window as unknown as { __longTasks: number[] }).__longTasks.slice(skip),
        before
      )
      const file = join(screens, `${scenario.name}.png`)
      await page.screenshot({ path: file })
      console.log(
        `${scenario.name}: ${file}; long tasks during the scenario: ${longTasks.length ? longTasks.join(', ') + ' ms' : 'none'}`
      )
      for (const problem of problems) console.log(`  console: ${problem}`)
      await context.close()
    }
  } finally {
    await browser.close()
    server.close()
  }
}

await main()
