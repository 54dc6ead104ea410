import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { THUMBNAIL_SCHEME } from '../common/channels.ts'
import { lookUpThumbnail, thumbnailPathname } from './service/thumbnails/thumbnail-request.ts'

/** Must run before the app is ready: a standard, secure scheme the window may load images from. */
export function registerThumbnailSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: THUMBNAIL_SCHEME, privileges: { standard: true, secure: true } }
  ])
}

/** Serves `thumb://t/<runId>/<taskId>.jpg` from the thumbnail folder, and nothing else. */
export function handleThumbnailScheme(thumbnailDir: string): void {
  protocol.handle(THUMBNAIL_SCHEME, async (request) => {
    const pathname = thumbnailPathname(request.url)
    if (pathname === null) return new Response(null, { status: 404 })
    const found = await lookUpThumbnail(thumbnailDir, pathname, request.method)
    if (found.status !== 200) return new Response(null, { status: found.status })
    const headers = {
      'content-type': found.contentType,
      'cache-control': 'private, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff'
    }
    if (request.method === 'HEAD') return new Response(null, { headers })
    try {
      return new Response(await readFile(found.file), { headers })
    } catch {
      return new Response(null, { status: 404 })
    }
  })
}
