import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { lookUpThumbnail } from '../../src/main/service/thumbnails/thumbnail-request.ts'

/** Where the window loads a thumbnail from: the page's own origin, so CSP `img-src 'self'` covers it. */
export const THUMBS_PREFIX = '/thumbs/'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2'
}

export interface RendererServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string
  /** The URL of a thumbnail, given its path inside the thumbnail folder (the service's thumbnailUrl). */
  thumbnailUrl(relPath: string): string
  close(): Promise<void>
}

/**
 * Serves the built renderer on loopback, and under /thumbs/ the thumbnail
 * folder of the current service, through the same lookUpThumbnail the
 * Electron `thumb://` protocol handler uses.
 */
export async function startRendererServer(options: {
  root: string
  /** The current service's thumbnail folder; undefined while there is none. */
  thumbnailDir: () => string | undefined
  /** POSTs to this path go to onBeacon (window-api.ts: calls made while the page unloads). */
  beaconPath?: string
  onBeacon?: (body: string) => Promise<void>
  /**
   * More image sources for the page's CSP, test only: the fake Unsplash API's thumbnails are on
   * the simulated CDN on loopback, where the app's policy allows only images.unsplash.com.
   */
  extraImgSrc?: string
}): Promise<RendererServer> {
  const root = normalize(options.root)

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET'
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    if (pathname.startsWith(THUMBS_PREFIX)) {
      const dir = options.thumbnailDir()
      if (!dir) return void res.writeHead(404).end()
      const found = await lookUpThumbnail(dir, pathname.slice(THUMBS_PREFIX.length - 1), method)
      if (found.status !== 200) return void res.writeHead(found.status).end()
      res.writeHead(200, { 'content-type': found.contentType, 'cache-control': 'no-store' })
      if (method === 'HEAD') return void res.end()
      createReadStream(found.file)
        .on('error', () => res.destroy())
        .pipe(res)
      return
    }
    if (method === 'POST' && pathname === options.beaconPath && options.onBeacon) {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      res.writeHead(204).end()
      await options.onBeacon(Buffer.concat(chunks).toString('utf8'))
      return
    }
    if (method !== 'GET' && method !== 'HEAD') return void res.writeHead(405).end()
    // The browser asks for one; the app has none (Electron never asks).
    if (pathname === '/favicon.ico') return void res.writeHead(204).end()
    let relative: string
    try {
      relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname))
    } catch {
      return void res.writeHead(400).end()
    }
    const file = join(root, relative)
    if (!file.startsWith(root + sep)) return void res.writeHead(403).end()
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      return void res.writeHead(404).end()
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store'
    })
    if (options.extraImgSrc && relative.endsWith('index.html')) {
      body = Buffer.from(
        body.toString('utf8').replace("img-src 'self'", `img-src 'self' ${options.extraImgSrc}`)
      )
    }
    res.end(method === 'HEAD' ? undefined : body)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  return {
    origin,
    thumbnailUrl: (relPath) =>
      origin + THUMBS_PREFIX + relPath.split('/').map(encodeURIComponent).join('/'),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
