import type { ReactNode } from 'react'
import { rich } from '../helpers.ts'
import { en } from './plural.ts'

/** The Download images view: its run card, timing card and strategy chart. */
export const download = {
  images: 'Images',
  start: 'Download',
  startCount: (count: number, pipeline: boolean) =>
    `Download ${pipeline ? 'and process ' : ''}${count} ${en(count, 'image', 'images')}`,
  /** Said when a download ends (run-outcome.ts). */
  announced: 'Download',
  notices: 'Notices of this run',
  retryFailed: (n: number) => `Retry ${n} failed`,
  clickHint: 'Click an image to show it in its folder; double-click or Open to open it.',
  processThese: 'Process these images →',
  emptyTitle: 'Nothing downloaded yet',
  empty: (button: ReactNode) =>
    rich(
      'Pick a source and a strategy, then press ',
      button,
      '. Each image gets a tile here: its progress while it downloads, its thumbnail when it is saved.'
    ),
  timing: {
    title: 'Timing',
    empty:
      'Each run’s time, images per second and speedup over sequential show here. Run the same source with each strategy to compare them.',
    latest: 'Latest run of each strategy ',
    ideal: (finished: boolean, name: string, exact: boolean) =>
      `Ideal of the last${finished ? ' finished' : ''} run, ${name}: ${
        exact
          ? 'exact for the simulated CDN, ⌈images ÷ lanes⌉ × (latency + size ÷ bandwidth).'
          : 'a lower bound, max(slowest image, sum of image times ÷ lanes).'
      }`,
    notYet: (names: string) => `Not yet run on this source: ${names}.`,
    soFar: 'This run so far',
    lastRun: 'Last run',
    lastRunCaption: (name: string, source: string, ok: number, count: number) =>
      `Last run: ${name} · ${source} · ${ok} of ${count} saved`
  },
  stats: {
    elapsed: 'Elapsed',
    imagesPerSec: 'Images / s',
    mbPerSec: 'MB / s',
    slowest: 'Slowest image',
    soFar: 'so far',
    speedup: 'Speedup',
    noBaselineIncomplete: 'An incomplete run is no baseline',
    noBaseline: 'Run Sequential on this source for a baseline',
    isBaseline: 'this is the baseline',
    vsSequential: (time: string) => `vs sequential, ${time}`,
    ideal: 'Ideal',
    noIdeal: 'An incomplete run has none',
    exactForCdn: 'exact for this CDN',
    lowerBound: 'lower bound'
  },
  /** The ideal time (state/stats.ts): its formula, and its names on the chart. */
  ideal: {
    name: 'Ideal',
    exact: 'exact',
    aLowerBound: 'a lower bound',
    lowerBound: 'lower bound',
    sub: (exact: boolean, name: string) => `${exact ? 'exact' : 'lower bound'}, ${name}`,
    full: (word: string, name: string) => `Ideal (${word}) for the ${name} run`,
    bound: (slowest: string, sum: string, lanes: number, spread: string) =>
      `max(slowest image ${slowest}, sum of image times ${sum} ÷ ${lanes} ${en(lanes, 'lane', 'lanes')} = ${spread})`
  },
  chart: {
    seconds: (value: number) => `${value} s`,
    elapsed: 'elapsed',
    idealTooltip: (word: string) => `ideal, ${word}`,
    idealPart: (seconds: string, word: string, name: string) =>
      `Ideal ${seconds} s (${word}, for the ${name} run)`,
    part: (name: string, seconds: string, concurrency: number | null) =>
      `${name} ${seconds} s${concurrency === null ? '' : ` (× ${concurrency})`}`,
    summary: (parts: string) => `Elapsed by strategy: ${parts}`
  }
}
