import { availableParallelism } from 'node:os'
import { textTable } from '../src/common/text-table.ts'
import { bestPeer } from './measure.ts'
import { median, ratio } from './stats.ts'
import type { Row, RunSample, ScenarioResult, Target } from './types.ts'

const MiB = 1024 * 1024
const cpuCount = availableParallelism()

export { textTable }

export function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits)
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '-' : (ms / 1000).toFixed(3)
}

function medianOf(
  samples: RunSample[],
  pick: (sample: RunSample) => number | undefined
): number | undefined {
  const values = samples.map(pick).filter((value): value is number => value !== undefined)
  return values.length > 0 ? median(values) : undefined
}

interface Column {
  header: string
  cell(row: Row, rows: Row[]): string
  /** Shown only when some row has a value. */
  optional?: (row: Row) => boolean
}

const COLUMNS: Column[] = [
  { header: 'who', cell: (row) => row.who },
  { header: 'conc', cell: (row) => String(row.concurrency) },
  { header: 'runs', cell: (row) => String(row.time?.runs ?? 0) },
  { header: 'median s', cell: (row) => seconds(row.time?.median) },
  { header: 'min s', cell: (row) => seconds(row.time?.min) },
  { header: 'max s', cell: (row) => seconds(row.time?.max) },
  {
    header: 'ideal s',
    cell: (row) => seconds(row.idealMs),
    optional: (row) => row.idealMs !== undefined
  },
  {
    header: 'over ideal ms',
    cell: (row) =>
      row.time && row.idealMs !== undefined ? fixed(row.time.median - row.idealMs, 0) : '-',
    optional: (row) => row.idealMs !== undefined
  },
  {
    header: '×ideal',
    cell: (row) => fixed(ratio(row.time?.median, row.idealMs), 3),
    optional: (row) => row.idealMs !== undefined
  },
  {
    header: '×best peer',
    cell: (row, rows) =>
      fixed(
        ratio(
          row.time?.median,
          // The same list: S4's "first 1000" rows have no peer on 1,000 images.
          bestPeer(rows, row.concurrency, row.samples[0]?.total)?.time?.median
        ),
        3
      ),
    optional: (row) => row.peer
  },
  {
    header: 'images/s',
    cell: (row) =>
      fixed(ratio(row.samples[0]?.total, row.time?.median && row.time.median / 1000), 1),
    optional: (row) => (row.samples[0]?.bytes ?? 0) > 0
  },
  {
    header: 'MiB/s',
    cell: (row) => {
      const bytes = medianOf(row.samples, (sample) => sample.bytes)
      return fixed(ratio(bytes && bytes / MiB, row.time?.median && row.time.median / 1000), 1)
    },
    optional: (row) => (row.samples[0]?.bytes ?? 0) > 0
  },
  {
    header: 'saved',
    cell: (row) => {
      const worst = Math.min(...row.samples.map((sample) => sample.ok))
      const total = row.samples[0]?.total ?? 0
      return row.samples.length === 0 ? '-' : worst === total ? 'all' : `${worst}/${total}!`
    },
    optional: (row) => (row.samples[0]?.total ?? 0) > 0
  },
  {
    header: 'first start ms',
    cell: (row) =>
      fixed(
        medianOf(row.samples, (sample) => sample.firstStartMs),
        1
      ),
    optional: (row) => row.samples.some((sample) => sample.firstStartMs !== undefined)
  },
  {
    header: 'RSS before MiB',
    cell: (row) =>
      fixed(
        medianOf(row.samples, (sample) => sample.rssBeforeMiB),
        0
      ),
    optional: (row) => row.peakRss !== undefined
  },
  {
    header: 'peak MiB',
    cell: (row) => fixed(row.peakRss?.median, 0),
    optional: (row) => row.peakRss !== undefined
  },
  {
    header: 'growth MiB (min–max)',
    cell: (row) =>
      row.rssGrowth
        ? `${fixed(row.rssGrowth.median, 0)} (${fixed(row.rssGrowth.min, 0)}–${fixed(row.rssGrowth.max, 0)})`
        : '-',
    optional: (row) => row.rssGrowth !== undefined
  },
  {
    header: 'loop p99 ms',
    cell: (row) =>
      fixed(
        medianOf(row.samples, (sample) => sample.clientLoopP99Ms),
        1
      ),
    optional: (row) => row.samples.some((sample) => sample.clientLoopP99Ms !== undefined)
  },
  {
    header: 'cpu s',
    cell: (row) =>
      fixed(
        medianOf(row.samples, (sample) => sample.clientCpuMs && sample.clientCpuMs / 1000),
        2
      ),
    optional: (row) => row.samples.some((sample) => sample.clientCpuMs !== undefined)
  },
  {
    header: 'srv cpu s',
    cell: (row) =>
      fixed(
        medianOf(row.samples, (sample) => sample.server && sample.server.cpuMs / 1000),
        2
      ),
    optional: (row) => row.samples.some((sample) => sample.server !== undefined)
  },
  {
    header: 'srv conns',
    cell: (row) =>
      fixed(
        medianOf(row.samples, (sample) => sample.server?.stats.maxOpenConnections),
        0
      ),
    optional: (row) => row.samples.some((sample) => sample.server !== undefined)
  },
  {
    header: 'srv loop p99 ms',
    cell: (row) =>
      fixed(
        medianOf(row.samples, (sample) => sample.server?.loopDelayP99Ms),
        1
      ),
    optional: (row) => row.samples.some((sample) => sample.server !== undefined)
  }
]

/** The scenario's table: every row, then the rows that did not run and why. */
export function scenarioTable(rows: Row[]): string {
  const columns = COLUMNS.filter((column) => !column.optional || rows.some(column.optional))
  const ran = rows.filter((row) => !row.notRun || row.samples.length > 0)
  const body = ran.map((row) => columns.map((column) => column.cell(row, rows)))
  const lines = [
    textTable(
      columns.map((column) => column.header),
      body
    )
  ]
  for (const row of rows.filter((candidate) => candidate.notRun)) {
    lines.push(`${row.who} ×${row.concurrency}: not run: ${row.notRun}`)
  }
  return lines.join('\n')
}

const MARK: Record<Target['status'], string> = {
  met: 'MET   ',
  missed: 'MISSED',
  'not measured': 'N/A   '
}

export function targetLines(targets: Target[]): string[] {
  return targets.map((target) => `  [${MARK[target.status]}] ${target.text}: ${target.detail}`)
}

export function scenarioReport(result: ScenarioResult): string {
  return [
    `== Scenario ${result.id}: ${result.title} (${(result.durationMs / 1000).toFixed(0)} s` +
      `${result.load ? `; load average ${fixed(result.load.before, 1)} → ${fixed(result.load.after, 1)} on ${cpuCount} cores` : ''}) ==`,
    ...result.setup.map((line) => `  ${line}`),
    '',
    scenarioTable(result.rows),
    '',
    'Targets:',
    ...targetLines(result.targets),
    ...(result.notes.length > 0 ? ['Notes:', ...result.notes.map((note) => `  - ${note}`)] : []),
    ''
  ].join('\n')
}

/** What the columns mean, printed once above the tables. */
export const LEGEND = [
  'Columns: median/min/max s: wall time of a run; ideal s: what the network (or the cores) allows;',
  '  over ideal ms and ×ideal: the median against it; ×best peer: against the fastest peer at that concurrency',
  '  on the same list (below 1: faster); cpu s: CPU of the downloading process (all its threads; curl and',
  "  Python measured by the shell that waits for them, Python's start-up included); srv cpu s: the CDN",
  "  process's CPU; loop p99 ms: event loop delay beyond 10 ms ticks (engine process; srv: the CDN's);",
  '  srv conns: most connections open at the CDN during the run, idle keep-alive ones of the run before',
  '  included; growth MiB: peak resident memory during the run minus before it.'
]
