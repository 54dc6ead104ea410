import type { IncomingHttpHeaders } from 'node:http'

/** A fixed date: the simulated photos never change, so a Last-Modified validator stays valid. */
export const PHOTO_LAST_MODIFIED = 'Mon, 01 Jan 2024 00:00:00 GMT'

/** A strong validator for one photo at one size. */
export function photoEtag(tag: string, size: number): string {
  return `"${tag}-${size}"`
}

export type RangeAnswer =
  /** No usable Range (none, several, or If-Range does not match): the whole photo, 200. */
  | { kind: 'whole' }
  /** 206 with bytes `start` to `end` inclusive. */
  | { kind: 'part'; start: number; end: number }
  /** 416: the range starts past the end. */
  | { kind: 'unsatisfiable' }

/**
 * What a GET's Range header asks of a representation of `size` bytes (RFC 9110
 * §14): one `bytes=` range, `a-`, `a-b` or `-n`; several ranges are answered
 * whole, as a server may. `If-Range` must equal the ETag or the Last-Modified
 * date exactly, or the whole representation is sent.
 */
export function answerRange(
  headers: IncomingHttpHeaders,
  size: number,
  validators: { etag?: string; lastModified?: string }
): RangeAnswer {
  const range = headers.range
  if (typeof range !== 'string') return { kind: 'whole' }
  const ifRange = headers['if-range']
  if (
    typeof ifRange === 'string' &&
    ifRange !== validators.etag &&
    ifRange !== validators.lastModified
  ) {
    return { kind: 'whole' }
  }
  const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim())
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'whole' }
  const [, first = '', last = ''] = match
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0) return { kind: 'unsatisfiable' }
    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  if (start >= size) return { kind: 'unsatisfiable' }
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (end < start) return { kind: 'whole' }
  return { kind: 'part', start, end }
}

/** The bytes `start` (inclusive) to `end` (exclusive) of a stream of chunks, without copying. */
export function* sliceChunks(
  chunks: Iterable<Buffer>,
  start: number,
  end: number
): Generator<Buffer> {
  let offset = 0
  for (const chunk of chunks) {
    const from = Math.max(start - offset, 0)
    const to = Math.min(end - offset, chunk.length)
    offset += chunk.length
    if (to > from) yield from === 0 && to === chunk.length ? chunk : chunk.subarray(from, to)
    if (offset >= end) return
  }
}
