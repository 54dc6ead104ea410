import { STATUS_CODES, type ServerResponse } from 'node:http'
import { bytesBeforeFault, faultPath } from './faults.ts'
import type { PhotoLibrary } from './library.ts'
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
}

const PHOTO_CACHE_CONTROL = 'public, max-age=31536000, immutable'

export async function sendPhoto(
  res: ServerResponse,
  ctx: ResponseContext,
  index: number,
  bytes?: number
): Promise<void> {
  const { library } = ctx
  await library.prepare(index)
  res.writeHead(200, {
    'Content-Type': 'image/jpeg',
    'Content-Length': library.size(index, bytes),
    'Cache-Control': PHOTO_CACHE_CONTROL
  })
  if (ctx.headOnly) {
    res.end()
    return
  }
  res.flushHeaders()
  const chunks = library.chunks(index, bytes, chunkSizeFor(ctx.bytesPerSecond))
  if (await writePaced(res, chunks, ctx)) res.end()
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
