import type { Dispatcher } from 'undici'
import type {
  UnsplashPhotoView,
  UnsplashRateLimit,
  UnsplashSearchRequest,
  UnsplashSearchResult,
  UnsplashStatus
} from '../../../common/unsplash.ts'
import {
  UNSPLASH_DEFAULT_API_URL,
  UNSPLASH_KEY_HELP_URL,
  UNSPLASH_PER_PAGE,
  unsplashSearchSchema
} from '../../../common/unsplash.ts'
import { UnsplashClient, UnsplashError } from '../../../engine/unsplash/client.ts'
import type { UnsplashPhoto } from '../../../engine/unsplash/photo.ts'
import { creditLine, withReferral } from '../../../engine/unsplash/photo.ts'
import type { UnsplashStore } from './unsplash-store.ts'

/** Photos of recent searches the window may pick from: more than ten pages' worth. */
const KEPT_PHOTOS = 600

export type Picked = { ok: true; photos: UnsplashPhoto[] } | { ok: false; error: string }

/**
 * The window's Unsplash: searches with the user's key, and keeps the photos it showed so
 * that a run names them by id. The window never hands the service a URL to download or a
 * download_location to call with the key: it only picks among what the API answered.
 */
export class UnsplashService {
  private readonly photos = new Map<string, UnsplashPhoto>()
  private rateLimit: UnsplashRateLimit | null = null
  /** One client while the key and origin stay: it paces the window's pages as the CLI's. */
  private current:
    { accessKey: string; apiUrl: string | undefined; client: UnsplashClient } | undefined
  private readonly store: UnsplashStore
  private readonly dispatcher: (() => Dispatcher) | undefined

  constructor(store: UnsplashStore, dispatcher?: () => Dispatcher) {
    this.store = store
    this.dispatcher = dispatcher
  }

  status(): UnsplashStatus {
    return {
      key: this.store.keySource(),
      canSaveKey: this.store.canSaveKey(),
      apiUrl: this.store.apiUrlSetting() ?? UNSPLASH_DEFAULT_API_URL,
      rateLimit: this.rateLimit
    }
  }

  /** A client for the user's key, or the reason there is none. */
  client(signal?: AbortSignal): UnsplashClient | string {
    const accessKey = this.store.key()
    if (!accessKey) {
      return `no Unsplash access key: paste yours in Settings (get one at ${UNSPLASH_KEY_HELP_URL})`
    }
    const apiUrl = this.store.apiUrlSetting()
    const kept = this.current
    if (!signal && kept && kept.accessKey === accessKey && kept.apiUrl === apiUrl)
      return kept.client
    const client = new UnsplashClient({
      accessKey,
      ...(apiUrl ? { apiUrl } : {}),
      ...(this.dispatcher ? { dispatcher: this.dispatcher() } : {}),
      ...(signal ? { signal } : {})
    })
    if (!signal) this.current = { accessKey, apiUrl, client }
    return client
  }

  async search(
    request: UnsplashSearchRequest
  ): Promise<{ ok: true; value: UnsplashSearchResult } | { ok: false; error: string }> {
    const parsed = unsplashSearchSchema.safeParse(request)
    if (!parsed.success)
      return { ok: false, error: parsed.error.issues[0]?.message ?? 'bad search' }
    const client = this.client()
    if (typeof client === 'string') return { ok: false, error: client }
    const { query, collection, page, ...filters } = parsed.data
    try {
      const result = collection
        ? await client.collection(collection, {
            page,
            perPage: UNSPLASH_PER_PAGE,
            ...(filters.orientation ? { orientation: filters.orientation } : {})
          })
        : await client.search({ query: query ?? '', page, perPage: UNSPLASH_PER_PAGE, ...filters })
      this.rateLimit = client.rateLimit
      for (const photo of result.photos) this.keep(photo)
      return {
        ok: true,
        value: {
          photos: result.photos.map(photoView),
          page: result.page,
          totalPages: result.totalPages,
          total: result.total,
          rateLimit: client.rateLimit
        }
      }
    } catch (error) {
      this.rateLimit = client.rateLimit
      if (error instanceof UnsplashError) return { ok: false, error: error.message }
      throw error
    }
  }

  /** The photos of these ids from recent searches, in that order. */
  picked(ids: readonly string[]): Picked {
    const photos: UnsplashPhoto[] = []
    for (const id of ids) {
      const photo = this.photos.get(id)
      if (!photo) return { ok: false, error: `photo ${id} is not among the recent search results` }
      photos.push(photo)
    }
    return { ok: true, photos }
  }

  /** After a run, what the API's headers said is left. */
  noteRateLimit(client: UnsplashClient): void {
    this.rateLimit = client.rateLimit
  }

  private keep(photo: UnsplashPhoto): void {
    this.photos.delete(photo.id)
    this.photos.set(photo.id, photo)
    while (this.photos.size > KEPT_PHOTOS) {
      const oldest = this.photos.keys().next().value
      if (oldest === undefined) break
      this.photos.delete(oldest)
    }
  }
}

export function photoView(photo: UnsplashPhoto): UnsplashPhotoView {
  return {
    id: photo.id,
    thumbUrl: photo.thumbUrl,
    width: photo.width,
    height: photo.height,
    description: photo.description,
    credit: creditLine(photo),
    photographer: photo.photographer.name,
    profileUrl: withReferral(photo.photographer.profileUrl),
    pageUrl: withReferral(photo.pageUrl)
  }
}
