import { THUMBNAIL_SCHEME } from '../../../common/channels.ts'
import { resolveFileInside } from '../safe-path.ts'

/** Host part of every thumbnail URL: `thumb://t/<runId>/<taskId>.jpg`. */
export const THUMBNAIL_HOST = 't'

export function thumbnailSchemeUrl(relPath: string): string {
  const encoded = relPath.split('/').map(encodeURIComponent).join('/')
  return `${THUMBNAIL_SCHEME}://${THUMBNAIL_HOST}/${encoded}`
}

export type ThumbnailLookup =
  | { status: 200; file: string; contentType: 'image/jpeg' }
  | { status: 400 | 403 | 404 | 405; file?: undefined }

/**
 * What a request for a thumbnail gets: a JPEG from inside the thumbnail folder,
 * or a refusal. Shared by the Electron protocol handler and the test harness.
 */
export async function lookUpThumbnail(
  thumbnailDir: string,
  pathname: string,
  method = 'GET'
): Promise<ThumbnailLookup> {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405 }
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return { status: 400 }
  }
  const relativePath = decoded.replace(/^\/+/, '')
  if (relativePath.includes('\0') || /(^|[\\/])\.\.([\\/]|$)/.test(relativePath)) {
    return { status: 403 }
  }
  if (!relativePath.toLowerCase().endsWith('.jpg')) return { status: 404 }
  const file = await resolveFileInside(thumbnailDir, relativePath)
  if (!file) return { status: 404 }
  return { status: 200, file, contentType: 'image/jpeg' }
}

/** Parses a `thumb://t/...` URL; null when it is not one. */
export function thumbnailPathname(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${THUMBNAIL_SCHEME}:` || parsed.hostname !== THUMBNAIL_HOST) return null
  return parsed.pathname
}
