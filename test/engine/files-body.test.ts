/**
 * The body must be an image: its first bytes decide, whatever Content-Type said;
 * a compressed body is saved as the image itself; a URL without an extension gets
 * the real type's. Real HTTP on 127.0.0.1 and real files.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { sniffImageType } from '../../src/engine/files/image-type.ts'
import { runDownloads } from '../../src/engine/run.ts'
import { startLoopbackServer } from '../reliability/helpers.ts'
import type { LoopbackServer } from '../reliability/helpers.ts'
import { filesIn, tempDir } from '../helpers/temp-dir.ts'
import { IMAGES, imageBytes } from './files-fixtures.ts'

/** Each path answers with what its route says; `?enc=` compresses it. */
const ROUTES: Record<string, { type: string; body: Buffer }> = {
  '/denied.jpg': {
    type: 'image/jpeg',
    body: Buffer.from('<!DOCTYPE html><html><body>Access denied</body></html>')
  },
  '/photo.jpg': { type: 'image/jpeg', body: imageBytes('jpeg', 64 * 1024) },
  '/photo-1516117172878-fd2c41f4a759': { type: 'image/jpeg', body: imageBytes('webp', 40_000) },
  '/named.jpg': { type: 'image/png', body: imageBytes('png', 9_000) },
  '/octet': { type: 'application/octet-stream', body: imageBytes('png', 9_000) },
  '/empty.jpg': { type: 'image/jpeg', body: Buffer.alloc(0) },
  '/bomb.jpg': {
    type: 'image/jpeg',
    body: Buffer.concat([imageBytes('jpeg', 16), Buffer.alloc(8 << 20)])
  }
}

const ENCODERS: Record<string, (body: Buffer) => Buffer> = {
  gzip: (body) => gzipSync(body),
  br: (body) => brotliCompressSync(body),
  deflate: (body) => deflateSync(body),
  // Many servers send deflate without its zlib wrapper.
  'raw-deflate': (body) => deflateRawSync(body),
  'gzip, br': (body) => brotliCompressSync(gzipSync(body)),
  compress: (body) => body
}

let server: LoopbackServer
let dir: { path: string; cleanup: () => Promise<void> }

beforeAll(async () => {
  server = await startLoopbackServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const route = ROUTES[url.pathname]
    if (!route) {
      res.writeHead(404).end()
      return
    }
    const encoding = url.searchParams.get('enc')
    const body = encoding ? (ENCODERS[encoding] ?? ((b) => b))(route.body) : route.body
    res.writeHead(200, {
      'Content-Type': route.type,
      'Content-Length': body.length,
      ...(encoding ? { 'Content-Encoding': encoding === 'raw-deflate' ? 'deflate' : encoding } : {})
    })
    res.end(body)
  })
})
afterAll(() => server.close())
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(() => dir.cleanup())

const download = (paths: string[], events: RunEvent[] = []) =>
  runDownloads({
    strategy: 'pool',
    concurrency: 4,
    dir: dir.path,
    urls: paths.map((path) => `${server.origin}${path}`),
    limits: { maxRetries: 1, retryBaseDelayMs: 10, maxBytes: 4 << 20 },
    onEvent: (event) => events.push(event)
  })

describe('magic bytes', () => {
  it.each(IMAGES)('knows %s by its first bytes', (kind) => {
    const found = sniffImageType(imageBytes(kind, 4096), false)
    expect(found === 'more' ? found : found?.mime).toBe(
      `image/${kind === 'svg' ? 'svg+xml' : kind}`
    )
  })

  it.each([
    ['an HTML page', '<!DOCTYPE html><html><svg></svg></html>'],
    ['JSON', '{"error":"denied"}'],
    ['text that starts with BM', 'BMW owners club newsletter, issue 12'],
    ['an XML file that is not SVG', '<?xml version="1.0"?><feed></feed>'],
    ['a gzip stream', gzipSync(imageBytes('jpeg', 100)).toString('latin1')]
  ])('refuses %s', (_what, text) => {
    expect(sniffImageType(Buffer.from(text, 'latin1'), true)).toBeUndefined()
  })

  it('an HTML page sent as image/jpeg fails as not_image and leaves no file', async () => {
    const summary = await download(['/denied.jpg', '/empty.jpg', '/photo.jpg'])
    expect(summary.tasks.map((task) => task.error?.code ?? task.status)).toEqual([
      'not_image',
      'not_image',
      'done'
    ])
    expect(summary.tasks[0]?.error?.message).toMatch(/HTML page.*image\/jpeg/)
    expect(await filesIn(dir.path)).toEqual(['photo.jpg'])
  })

  it('an image sent as application/octet-stream is saved: the bytes decide', async () => {
    const summary = await download(['/octet'])
    expect(summary.tasks[0]?.status).toBe('done')
    expect(basename(summary.tasks[0]?.file ?? '')).toBe('octet.png')
  })
})

describe('the saved extension', () => {
  it('follows the real type when the URL has none (an Unsplash URL serving WebP)', async () => {
    const summary = await download(['/photo-1516117172878-fd2c41f4a759'])
    const file = summary.tasks[0]?.file ?? ''
    expect(basename(file)).toBe('photo-1516117172878-fd2c41f4a759.webp')
    expect(await readFile(file)).toEqual(ROUTES['/photo-1516117172878-fd2c41f4a759']?.body)
  })

  it("keeps the URL's own extension", async () => {
    const summary = await download(['/named.jpg'])
    expect(basename(summary.tasks[0]?.file ?? '')).toBe('named.jpg')
  })
})

describe('Content-Encoding', () => {
  it.each(['gzip', 'br', 'deflate', 'raw-deflate', 'gzip, br'])(
    'a JPEG sent with %s is saved as the JPEG itself',
    async (encoding) => {
      const summary = await download([`/photo.jpg?enc=${encodeURIComponent(encoding)}`])
      expect(summary.tasks[0]?.status).toBe('done')
      const saved = await readFile(summary.tasks[0]?.file ?? '')
      expect(saved.equals(ROUTES['/photo.jpg']?.body ?? Buffer.alloc(0))).toBe(true)
      expect(summary.tasks[0]?.bytes).toBe(saved.length)
    }
  )

  it('a coding it cannot decode fails as unsupported_encoding', async () => {
    const summary = await download(['/photo.jpg?enc=compress'])
    expect(summary.tasks[0]?.error?.code).toBe('unsupported_encoding')
    expect(await filesIn(dir.path)).toEqual([])
  })

  it('a small gzip that inflates past the size cap fails as too_large', async () => {
    const summary = await download(['/bomb.jpg?enc=gzip'])
    expect(summary.tasks[0]?.error?.code).toBe('too_large')
    expect(await filesIn(dir.path)).toEqual([])
  })
})
