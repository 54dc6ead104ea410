import type { PhotoQuery, SearchQuery, UnsplashClient } from './client.ts'
import { MAX_PER_PAGE } from './client.ts'
import type { UnsplashPhoto } from './photo.ts'

/** The most photos one search or collection gives the CLI: user-driven picking, not mirroring. */
export const MAX_COUNT = 300

export type PhotoSource =
  | ({ kind: 'search' } & Omit<SearchQuery, 'page' | 'perPage'>)
  | ({ kind: 'collection'; id: string } & Omit<PhotoQuery, 'page' | 'perPage'>)

/**
 * Up to `count` photos of a search or a collection, page after page (each page at most 30,
 * the client pacing its requests), without repeats. Stops early when the API has no more.
 */
export async function findPhotos(
  client: UnsplashClient,
  source: PhotoSource,
  count: number
): Promise<{ photos: UnsplashPhoto[]; total: number }> {
  const wanted = Math.min(MAX_COUNT, Math.max(1, Math.trunc(count)))
  const photos: UnsplashPhoto[] = []
  const seen = new Set<string>()
  let total = 0
  // One page size throughout: the API counts pages in it, so changing it would skip photos.
  const perPage = Math.min(MAX_PER_PAGE, wanted)
  for (let page = 1; photos.length < wanted; page++) {
    const result =
      source.kind === 'search'
        ? await client.search({ ...source, page, perPage })
        : await client.collection(source.id, { ...source, page, perPage })
    total = result.total
    for (const photo of result.photos) {
      if (seen.has(photo.id) || photos.length >= wanted) continue
      seen.add(photo.id)
      photos.push(photo)
    }
    if (result.photos.length === 0 || page >= result.totalPages) break
  }
  return { photos, total }
}
