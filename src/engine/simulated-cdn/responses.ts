import { STATUS_CODES, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import { bytesBeforeFault, faultPath } from './faults.ts'
import type { PhotoLibrary } from './library.ts'
import { photoTag } from './photos.ts'
import { answerRange, photoEtag, PHOTO_LAST_MODIFIED, sliceChunks } from './ranges.ts'
import { chunkSizeFor, writePaced } from './throttle.ts'
import type { Fault } from './types.ts'

export interface ResponseContext {
  library: PhotoLibrary
  /** 0 means unlimited. */
  bytesPerSecond: number
  /** Aborts when the response closes or the CDN shuts down. */
  signal: AbortSignal
  /** True for HEAD: headers only. */
  headOnly: boolean
  /** The request's headers: Range and If-Range. */
  headers: IncomingHttpHeaders
  /** Counts a 206 answer in the CDN's stats. */
  onPartial?: () => void
}

const PHOTO_CACHE_CONTROL = 'public, max-age=31536000, immutable'

export interface PhotoOptions {
  /** Which validators the photo carries: `etag` (ETag and Last-Modified, the default), `date`, `none`. */
  validator?: 'etag' | 'date' | 'none'
  /** `honour` (default) answers a Range with 206; `ignore` sends 200 and all; `wrong` sends 206 from byte 0. */
  range?: 'honour' | 'ignore' | 'wrong'
  /**
   * Sends this many bytes of the answer, then closes the connection without the rest.
   * A close, not a TCP reset: a reset can make the client's kernel drop bytes it has not
   * read yet, and a resume test needs to know what arrived.
   */
  cutAfter?: number
  /** Paces this response at this rate instead of the CDN's, in small chunks. */
  bytesPerSecond?: number
  cacheControl?: string
}

/**
 * One photo, honouring a single `Range` (206 with Content-Range, 416 past the end)
 * checked against `If-Range`, with a strong ETag and a fixed Last-Modified.
 */
export async function sendPhoto(
  res: ServerResponse,
  ctx: ResponseContext,
  index: number,
  bytes?: number,
  options: PhotoOptions = {}
): Promise<void> {
  const { library } = ctx
  await library.prepare(index)
  const size = library.size(index, bytes)
  const validator = options.validator ?? 'etag'
  const etag = validator === 'etag' ? photoEtag(photoTag(index), size) : undefined
  const lastModified = validator === 'none' ? undefined : PHOTO_LAST_MODIFIED
  const headers: Record<string, string | number> = {
    'Content-Type': 'image/jpeg',
    'Cache-Control': options.cacheControl ?? PHOTO_CACHE_CONTROL,
    'Accept-Ranges': 'bytes',
    ...(etag && { ETag: etag }),
    ...(lastModified && { 'Last-Modified': lastModified })
  }
  const mode = options.range ?? 'honour'
  const asked =
    mode === 'ignore'
      ? { kind: 'whole' as const }
      : answerRange(ctx.headers, size, { etag, lastModified })
  if (asked.kind === 'unsatisfiable') {
    return sendText(res, 416, 'Range Not Satisfiable\n', { 'Content-Range': `bytes */${size}` })
  }
  let start = 0
  let end = size
  if (asked.kind === 'part') {
    // `wrong` claims the asked range but sends from 0: a client must check Content-Range.
    start = mode === 'wrong' ? 0 : asked.start
    end = mode === 'wrong' ? asked.end - asked.start + 1 : asked.end + 1
    const claimed =
      mode === 'wrong' ? `bytes 0-${end - 1}/${size}` : `bytes ${start}-${end - 1}/${size}`
    res.writeHead(206, { ...headers, 'Content-Range': claimed, 'Content-Length': end - start })
    ctx.onPartial?.()
  } else {
    res.writeHead(200, { ...headers, 'Content-Length': size })
  }
  if (ctx.headOnly) {
    res.end()
    return
  }
  res.flushHeaders()
  const pace = options.bytesPerSecond ?? ctx.bytesPerSecond
  const chunkSize = options.bytesPerSecond
    ? Math.max(64, Math.round(pace / 10))
    : chunkSizeFor(pace)
  const cut = options.cutAfter === undefined ? end : Math.min(end - 1, start + options.cutAfter)
  const chunks = sliceChunks(library.chunks(index, bytes, chunkSize), start, cut)
  const sent = await writePaced(res, chunks, { bytesPerSecond: pace, signal: ctx.signal })
  if (!sent) return
  const socket = res.socket
  if (cut < end) socket?.end(() => socket.destroy())
  else res.end()
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string | number> = {}
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers
  })
  res.end(text)
}

export async function sendFault(
  res: ServerResponse,
  ctx: ResponseContext,
  fault: Fault,
  /** For flaky faults: how many requests its key has had, this one included. */
  attempt: number
): Promise<void> {
  const { library } = ctx
  switch (fault.kind) {
    case 'status':
      return sendStatus(res, fault.code, fault.retryAfter)
    case 'reset':
    case 'stall':
    case 'truncate':
      return sendBrokenPhoto(res, ctx, fault.kind, fault.afterBytes)
    case 'html':
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store'
      })
      res.end(
        '<!doctype html>\n<html><head><title>Not a photo</title></head>' +
          '<body><h1>This is a web page, not an image</h1></body></html>\n'
      )
      return
    case 'redirect': {
      const to = fault.to ?? 0
      if (to >= library.count) return sendText(res, 404, 'Not Found\n')
      if (fault.hops === 0) return sendPhoto(res, ctx, to)
      const location =
        fault.hops === 1 ? library.path(to) : faultPath({ ...fault, hops: fault.hops - 1 })
      res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' })
      res.end()
      return
    }
    case 'flaky':
      if (attempt <= fault.failures) return sendStatus(res, fault.status ?? 503, fault.retryAfter)
      return sendPhoto(res, ctx, 0)
    case 'trickle':
      return sendPhoto(res, ctx, 0, undefined, {
        bytesPerSecond: fault.bytesPerSecond,
        cacheControl: 'no-store'
      })
    case 'interrupted': {
      const size = library.size(0)
      return sendPhoto(res, ctx, 0, undefined, {
        validator: fault.validator,
        range: fault.range,
        cacheControl: 'no-store',
        ...(attempt <= fault.failures && {
          cutAfter: bytesBeforeFault(fault.afterBytes, size),
          ...(fault.bytesPerSecond && { bytesPerSecond: fault.bytesPerSecond })
        })
      })
    }
  }
}

function sendStatus(res: ServerResponse, code: number, retryAfter?: number): void {
  const headers: Record<string, number> = {}
  if (retryAfter !== undefined) headers['Retry-After'] = retryAfter
  sendText(res, code, `${code} ${STATUS_CODES[code] ?? 'Simulated status'}\n`, headers)
}

/** Photo 0's headers, promising the whole photo, and only part of its bytes. */
async function sendBrokenPhoto(
  res: ServerResponse,
  ctx: ResponseContext,
  ending: 'reset' | 'stall' | 'truncate',
  afterBytes: number | undefined
): Promise<void> {
  const size = ctx.library.size(0)
  res.writeHead(200, {
    'Content-Type': 'image/jpeg',
    'Content-Length': size,
    'Cache-Control': 'no-store'
  })
  res.flushHeaders()
  const chunks = ctx.library.chunks(0, undefined, chunkSizeFor(ctx.bytesPerSecond))
  const sent = await writePaced(res, firstBytes(chunks, bytesBeforeFault(afterBytes, size)), ctx)
  const socket = res.socket
  if (!sent || !socket) return
  if (ending === 'reset') socket.resetAndDestroy()
  else if (ending === 'truncate') socket.end(() => socket.destroy())
  // A stall leaves the response open: the client's timeout or close() ends it.
}

function* firstBytes(chunks: Iterable<Buffer>, limit: number): Generator<Buffer> {
  let left = limit
  for (const chunk of chunks) {
    if (left <= 0) return
    yield chunk.length <= left ? chunk : chunk.subarray(0, left)
    left -= chunk.length
  }
}
