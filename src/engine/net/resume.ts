import type { IncomingHttpHeaders } from 'node:http'

type Headers = IncomingHttpHeaders | Record<string, string | string[] | undefined>

/**
 * What a later attempt needs to ask for the rest of a body: how many bytes are
 * already on disk, and the validator that ties them to one version of the image.
 */
export interface ResumePoint {
  offset: number
  /** A strong ETag, or else the Last-Modified date: what If-Range carries. */
  validator: string
  /** The whole size, when the first answer said. */
  total: number | null
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

/**
 * The validator If-Range may carry for this answer, or undefined when it cannot be
 * resumed: If-Range takes only a strong ETag or a date (RFC 9110 §13.1.5), and a
 * body with a Content-Encoding is ranged over its encoded bytes, which the file is not.
 */
export function resumeValidator(headers: Headers): string | undefined {
  const encoding = header(headers, 'content-encoding')?.trim().toLowerCase()
  if (encoding && encoding !== 'identity') return undefined
  const etag = header(headers, 'etag')?.trim()
  if (etag && !etag.startsWith('W/') && /^"[^"]*"$/.test(etag)) return etag
  const lastModified = header(headers, 'last-modified')?.trim()
  if (lastModified && !Number.isNaN(Date.parse(lastModified))) return lastModified
  return undefined
}

/** The headers of a request that asks for the rest of the body, or none for a fresh start. */
export function resumeHeaders(point: ResumePoint | undefined): Record<string, string> {
  if (!point) return {}
  return { range: `bytes=${point.offset}-`, 'if-range': point.validator }
}

export type ResumeAnswer =
  /** The rest of the same body, from exactly where the file ends: append it. */
  | { kind: 'append'; total: number }
  /** The whole body (a 200: the server ignored the Range or the image changed): start the file over with it. */
  | { kind: 'restart' }
  /** Unusable for this file (a 206 of other bytes, a 416): start over with a fresh request. */
  | { kind: 'refetch'; reason: string }

/** Reads the answer to a request made with resumeHeaders(point). */
export function readResumeAnswer(
  point: ResumePoint,
  statusCode: number,
  headers: Headers
): ResumeAnswer {
  if (statusCode === 416) return { kind: 'refetch', reason: 'the server refused the range (416)' }
  if (statusCode !== 206) return { kind: 'restart' }
  const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header(headers, 'content-range')?.trim() ?? '')
  if (!range) return { kind: 'refetch', reason: 'a 206 without a usable Content-Range' }
  const [start, end, size] = [Number(range[1]), Number(range[2]), range[3]]
  const total = size === '*' ? null : Number(size)
  if (start !== point.offset) {
    return { kind: 'refetch', reason: `a 206 from byte ${start}, not ${point.offset}` }
  }
  if (total === null || end !== total - 1) {
    return { kind: 'refetch', reason: 'a 206 that does not run to the end of the image' }
  }
  if (point.total !== null && total !== point.total) {
    return { kind: 'refetch', reason: `a 206 of a ${total}-byte image, not ${point.total}` }
  }
  const same = point.validator.startsWith('"')
    ? header(headers, 'etag')?.trim()
    : header(headers, 'last-modified')?.trim()
  if (same !== undefined && same !== point.validator) {
    return { kind: 'refetch', reason: 'a 206 of another version of the image' }
  }
  return { kind: 'append', total }
}
