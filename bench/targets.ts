import { fixed } from './report.ts'
import type { Row, Target } from './types.ts'

export function find(rows: Row[], who: string, concurrency?: number): Row | undefined {
  return rows.find(
    (row) => row.who === who && (concurrency === undefined || row.concurrency === concurrency)
  )
}

export function unmeasured(text: string, why: string): Target {
  return { text, status: 'not measured', detail: why }
}

/** Median time within `fraction` over the row's ideal. */
export function withinOfIdeal(text: string, row: Row | undefined, fraction: number): Target {
  if (!row?.time || row.idealMs === undefined) return unmeasured(text, row?.notRun ?? 'not run')
  const over = row.time.median / row.idealMs - 1
  return {
    text,
    status: over <= fraction ? 'met' : 'missed',
    detail: `${fixed(row.time.median / 1000, 3)} s vs ideal ${fixed(row.idealMs / 1000, 3)} s: ${over >= 0 ? '+' : ''}${fixed(over * 100, 1)} %`
  }
}

/** `row` at least as fast as `other` (median times), or strictly faster. */
export function fasterThan(
  text: string,
  row: Row | undefined,
  other: Row | undefined,
  strict: boolean
): Target {
  if (!row?.time) return unmeasured(text, row?.notRun ?? 'not run')
  if (!other?.time)
    return unmeasured(text, `${other?.who ?? 'the peer'} not run: ${other?.notRun ?? 'missing'}`)
  const r = row.time.median / other.time.median
  const met = strict ? r < 1 : r <= 1
  return {
    text,
    status: met ? 'met' : 'missed',
    detail: `${row.who} ${fixed(row.time.median / 1000, 3)} s vs ${other.who} ×${other.concurrency} ${fixed(other.time.median / 1000, 3)} s (×${fixed(r, 3)})`
  }
}

/**
 * `row` at most `limit` × `other`, best of each row's runs against best (the machine is shared:
 * the fastest run is the one least disturbed by others), median beside it.
 */
export function ratioAtMost(
  text: string,
  row: Row | undefined,
  other: Row | undefined,
  limit: number,
  pick: (row: Row) => number | undefined = (candidate) => candidate.time?.min,
  pickMedian: (row: Row) => number | undefined = (candidate) => candidate.time?.median
): Target {
  const a = row && pick(row)
  const b = other && pick(other)
  if (a === undefined || b === undefined || b === 0)
    return unmeasured(text, row?.notRun ?? other?.notRun ?? 'not run')
  const r = a / b
  const ma = row && pickMedian(row)
  const mb = other && pickMedian(other)
  const medians = ma !== undefined && mb ? `; medians ×${fixed(ma / mb, 2)}` : ''
  return {
    text,
    status: r <= limit ? 'met' : 'missed',
    detail: `×${fixed(r, 2)} (${fixed(a, 1)} against ${fixed(b, 1)}, best of ${row?.time?.runs ?? '?'})${medians}`
  }
}
