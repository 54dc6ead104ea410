/** Ways to drive the window, by role, label and text, shared by the scenarios. */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, type Locator, type Page } from '@playwright/test'
import { STRATEGY_LABELS, type Strategy } from '../../src/common/defaults.ts'
import type { SimulatedSource } from '../../src/common/schemas.ts'
import { fileNameForUrl } from '../../src/engine/file-names.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'

/**
 * The simulated CDN of most scenarios: latency-bound, so that concurrency pays
 * whatever else the machine does, and small, so that the suite is quick.
 * Sequential takes 15 × (500 ms + 128 KB at 1 MB/s) ≈ 9.4 s; a pool of 5 three
 * rounds, about 1.9 s; five worker threads that plus their start (1–4 s on two
 * busy cores).
 */
export const SOURCE: SimulatedSource = {
  count: 15,
  sizeKB: 128,
  latencyMs: 500,
  bandwidthKBps: 1024
}

export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export const downloadPanel = (page: Page): Locator =>
  page.getByRole('tabpanel', { name: /Download images/ })
export const sleepPanel = (page: Page): Locator =>
  page.getByRole('tabpanel', { name: /Sleep demo/ })

export async function fillNumber(
  scope: Locator,
  label: string | RegExp,
  value: number
): Promise<void> {
  const field = scope.getByRole('spinbutton', { name: label })
  await field.fill(String(value))
  await expect(field).toHaveValue(String(value))
}

export async function chooseSimulatedSource(page: Page, source: SimulatedSource): Promise<void> {
  const panel = downloadPanel(page)
  await panel.getByRole('radio', { name: 'Simulated CDN (offline)' }).check()
  await fillNumber(panel, 'Images', source.count)
  await fillNumber(panel, 'Size each', source.sizeKB)
  await fillNumber(panel, 'Latency', source.latencyMs)
  await fillNumber(panel, 'Bandwidth', source.bandwidthKBps)
}

export async function chooseUrlList(page: Page, urls: readonly string[]): Promise<void> {
  const panel = downloadPanel(page)
  await panel.getByRole('radio', { name: 'Unsplash / your list' }).check()
  await panel.getByRole('textbox', { name: 'Image URLs, one a line' }).fill(urls.join('\n'))
  await expect(panel.getByText(`${urls.length} URLs`, { exact: true })).toBeVisible()
}

export const strategyRadio = (scope: Locator, strategy: Strategy): Locator =>
  scope.getByRole('radio', { name: new RegExp(`^${escapeRegExp(STRATEGY_LABELS[strategy].name)}`) })

/** Picks a strategy and, for the concurrent ones, a pool size. */
export async function chooseStrategy(
  scope: Locator,
  strategy: Strategy,
  concurrency?: number
): Promise<void> {
  await strategyRadio(scope, strategy).check()
  if (strategy !== 'sequential' && concurrency !== undefined) {
    await fillNumber(scope, /^Concurrency/, concurrency)
  }
}

const ENDED = /^(Finished|Finished with failures|Cancelled)$/

/** The download history's entries, newest first (the first 25 shown). */
export const historyEntries = (panel: Locator): Locator =>
  panel.getByRole('checkbox', { name: /^Compare/ })

/**
 * Presses Download and waits until the run has started: it shows as running, or,
 * for a short run that may start and end between two looks and never show
 * 'Running', a new entry heads the history.
 */
export async function startDownload(page: Page, count: number): Promise<void> {
  const panel = downloadPanel(page)
  const entries = historyEntries(panel)
  const newest = async (): Promise<string | null> =>
    (await entries.count()) === 0 ? null : entries.first().getAttribute('aria-label')
  const before = { count: await entries.count(), newest: await newest() }
  await panel.getByRole('button', { name: `Download ${count} images`, exact: true }).click()
  // A wide wait: starting a run's CDN or threads on a busy machine can take many seconds.
  await expect(async () => {
    const running = await panel.getByText('Running', { exact: true }).isVisible()
    const recorded = (await entries.count()) > before.count || (await newest()) !== before.newest
    expect(running || recorded, 'the run shows as running or heads the history').toBe(true)
  }).toPass({ timeout: 60_000 })
}

/** Waits for the run's end; returns the state it shows (Finished, Cancelled...). */
export async function runEnded(scope: Locator, timeout = 30_000): Promise<string> {
  // The run's state, not a tile's `Cancelled`.
  const state = scope.getByText(ENDED).and(scope.locator(':not([role="listitem"] *)'))
  await expect(state).toBeVisible({ timeout })
  return (await state.textContent()) ?? ''
}

/** The tiles of the current run. */
export const tiles = (page: Page): Locator =>
  downloadPanel(page)
    .getByRole('list', { name: /^\d+ images$/ })
    .getByRole('listitem')
export const doneTiles = (page: Page): Locator =>
  downloadPanel(page).locator('[role="listitem"][data-status="done"]')

/** The counts of the progress row: `12 of 15 saved · 3 cancelled` (0 when absent). */
export async function runCounts(
  page: Page
): Promise<{ saved: number; failed: number; cancelled: number }> {
  const panel = downloadPanel(page)
  const read = async (kind: string): Promise<number> => {
    const found = panel.locator(`.run-progress [data-count="${kind}"]`)
    if ((await found.count()) === 0) return 0
    return Number((await found.first().textContent())?.trim().split(' ')[0])
  }
  return {
    saved: await read('saved'),
    failed: await read('failed'),
    cancelled: await read('cancelled')
  }
}

/** The definition list of a stat grid or comparison column, as label → value. */
export async function definitions(scope: Locator): Promise<Record<string, string>> {
  return scope.evaluate((element) => {
    const pairs: Record<string, string> = {}
    for (const term of element.querySelectorAll('dt')) {
      let next = term.nextElementSibling
      while (next && next.tagName !== 'DD') next = next.nextElementSibling
      if (next) pairs[term.textContent?.trim() ?? ''] = next.textContent?.trim() ?? ''
    }
    return pairs
  })
}

/** `6.12 s` → 6.12; `1 min 05 s` → 65. */
export function seconds(text: string): number {
  const minutes = /^(\d+) min (\d+) s$/.exec(text.trim())
  if (minutes) return Number(minutes[1]) * 60 + Number(minutes[2])
  const plain = /^([\d.]+) s$/.exec(text.trim())
  if (!plain) throw new Error(`not a duration: ${text}`)
  return Number(plain[1])
}

/** The files in a folder but the app's manifest of them; fails if a `.part` file is left. */
export async function savedFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [] as string[]))
    .filter((name) => name !== '.concurrent-image-downloader.json')
    .sort()
  expect(
    names.filter((name) => name.endsWith('.part')),
    `.part files in ${dir}`
  ).toEqual([])
  return names
}

/** Every named photo on disk is byte for byte what the CDN serves for it. */
export async function expectServedBytes(
  dir: string,
  cdn: SimulatedCdn,
  indices: readonly number[]
): Promise<void> {
  for (const index of indices) {
    const url = cdn.urls[index]!
    const onDisk = await readFile(join(dir, fileNameForUrl(url)))
    const served = cdn.photoBytes(index)
    expect(onDisk.length, `size of ${fileNameForUrl(url)}`).toBe(served.length)
    expect(onDisk.equals(served), `bytes of ${fileNameForUrl(url)}`).toBe(true)
  }
}

export interface TileTimeline {
  /** performance.now() of each thumbnail <img> as it first appeared, in order. */
  thumbnails: number[]
  /** performance.now() of each tile as it turned done, in order. */
  done: number[]
  /** When the run showed as ended. */
  endedAt: number | null
}

/**
 * Records in the page, with a MutationObserver, when each tile turns done and
 * when each thumbnail appears, to tell thumbnails one by one from all at the end.
 */
export async function watchTiles(page: Page): Promise<() => Promise<TileTimeline>> {
  await page.evaluate(() => {
    const timeline = {
      thumbnails: [] as number[],
      done: [] as number[],
      endedAt: null as number | null
    }
    const seen = new Set<string>()
    const panel = document.getElementById('panel-download') ?? document.body
    const scan = (): void => {
      const now = performance.now()
      for (const img of panel.querySelectorAll<HTMLImageElement>(
        '[role="listitem"][data-status] img'
      )) {
        if (!seen.has(img.src)) {
          seen.add(img.src)
          timeline.thumbnails.push(now)
        }
      }
      const done = panel.querySelectorAll('[role="listitem"][data-status="done"]').length
      while (timeline.done.length < done) timeline.done.push(now)
      if (timeline.endedAt === null) {
        for (const span of panel.querySelectorAll('span')) {
          if (/^(Finished|Finished with failures|Cancelled)$/.test(span.textContent ?? '')) {
            timeline.endedAt = now
            break
          }
        }
      }
    }
    new MutationObserver(scan).observe(panel, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['data-status', 'src']
    })
    ;(window as unknown as { __e2eTiles: typeof timeline }).__e2eTiles = timeline
  })
  return () => page.evaluate(() => (window as unknown as { __e2eTiles: TileTimeline }).__e2eTiles)
}

/** Every thumbnail in the tiles has loaded (from the thumbnail URL main gave). */
export async function expectThumbnailsLoaded(page: Page, count: number): Promise<void> {
  const images = tiles(page).locator('img')
  await expect(images).toHaveCount(count)
  await expect
    .poll(() =>
      images.evaluateAll(
        (all) =>
          all.filter(
            (img) =>
              (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0
          ).length
      )
    )
    .toBe(count)
}
