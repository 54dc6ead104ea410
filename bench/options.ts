import { parseArgs } from 'node:util'
import type { CdnPlace } from './cdn/host.ts'

export const SCENARIO_IDS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const

export interface BenchOptions {
  /** Runs of each fast contender (a few seconds or less). */
  runs: number
  /** Runs of each slow contender: S2's sequential and cold workers, S5's workers spin. */
  slowRuns: number
  quick: boolean
  only: number[]
  cdn: CdnPlace
  out: string
}

export const USAGE = `npm run bench -- [options]
  --runs N        runs of each fast contender (default 5; the median is reported)
  --slow-runs N   runs of each slow one: S2's sequential and cold workers, S5's workers spin (default 2)
  --quick         a fast smoke: small counts, 1 run each
  --only 1,5      only these scenarios (1 tutorial, 2 many small, 3 one 1 GiB, 4 long list, 5 sleep,
                  6 start-up, 7 whole process against a minimal downloader, 8 thumbnails,
                  9 processing: kernels × strategies on 2400 px photos, the pipeline, Pillow)
  --cdn child|in-process   where the simulated CDN runs (default child: its own process)
  --out FILE      JSON results (default bench/results/latest.json)`

function whole(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a whole number >= 1`)
  return value
}

export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string' },
      'slow-runs': { type: 'string' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      cdn: { type: 'string', default: 'child' },
      out: { type: 'string' }
    },
    strict: true
  })
  const quick = values.quick === true
  const runs = whole('runs', values.runs, quick ? 1 : 5)
  const slowRuns = whole('slow-runs', values['slow-runs'], Math.min(runs, quick ? 1 : 2))
  const only = values.only
    ? values.only.split(',').map((part) => Number(part.trim()))
    : [...SCENARIO_IDS]
  for (const id of only) {
    if (!(SCENARIO_IDS as readonly number[]).includes(id))
      throw new Error(`--only: no scenario ${id}`)
  }
  if (values.cdn !== 'child' && values.cdn !== 'in-process') {
    throw new Error('--cdn must be child or in-process')
  }
  const out = values.out ?? new URL('./results/latest.json', import.meta.url).pathname
  return { runs, slowRuns, quick, only, cdn: values.cdn, out }
}
