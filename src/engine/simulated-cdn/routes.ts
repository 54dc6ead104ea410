import { parseFaultPath } from './faults.ts'
import { photoTag } from './photos.ts'
import type { Fault } from './types.ts'

export type Route =
  | { kind: 'photo'; index: number; bytes?: number }
  | { kind: 'fault'; fault: Fault }
  | { kind: 'not-found' }

const PHOTO_PATH = /^\/photos\/photo-(\d{4,9})-([0-9a-f]{8})$/

/** What a request path asks for; photo numbers are checked against the CDN's `count`. */
export function parseRoute(url: string, count: number): Route {
  let parsed: URL
  try {
    parsed = new URL(url, 'http://cdn.invalid')
  } catch {
    return { kind: 'not-found' }
  }
  const { pathname, searchParams } = parsed

  const photo = PHOTO_PATH.exec(pathname)
  if (photo) {
    const index = Number(photo[1]) - 1
    if (index < 0 || index >= count || photo[2] !== photoTag(index)) return { kind: 'not-found' }
    const bytes = searchParams.get('bytes')
    if (bytes === null) return { kind: 'photo', index }
    if (!/^\d{1,15}$/.test(bytes) || Number(bytes) < 1) return { kind: 'not-found' }
    return { kind: 'photo', index, bytes: Number(bytes) }
  }

  const [root, ...segments] = pathname.split('/').slice(1)
  if (root === 'fault') {
    const fault = parseFaultPath(segments, searchParams)
    if (fault) return { kind: 'fault', fault }
  }
  return { kind: 'not-found' }
}
