import { createHash } from 'node:crypto'
import type { Dispatcher } from 'undici'
import type { Result } from '../../../common/api.ts'
import type { ImageSize } from '../../../common/schemas.ts'
import type { UnsplashLinkTarget, UnsplashStatus } from '../../../common/unsplash.ts'
import {
  UNSPLASH_KEY_HELP_URL,
  unsplashApiUrlSchema,
  unsplashKeySchema,
  unsplashLinkSchema
} from '../../../common/unsplash.ts'
import { photoDownloadUrl } from '../../../engine/unsplash/download-photos.ts'
import type { PhotoDownloadSummary } from '../../../engine/unsplash/download-photos.ts'
import { withReferral } from '../../../engine/unsplash/photo.ts'
import type { UnsplashPhoto } from '../../../engine/unsplash/photo.ts'
import type { AppApi } from '../../../common/api.ts'
import type { UnsplashPhotos } from '../runs/run-request.ts'
import type { ResolvedUrls } from '../runs/run-sources.ts'
import { describeZodError } from '../zod-message.ts'
import { UnsplashService } from './unsplash-service.ts'
import { UnsplashStore } from './unsplash-store.ts'
import type { SecretCipher } from './unsplash-store.ts'

/** Opens a URL in the user's browser (Electron's shell.openExternal). */
export type OpenExternal = (url: string) => Promise<void>

export interface UnsplashCallsOptions {
  userDataDir: string
  /** Electron's safeStorage; without one (or one that cannot encrypt) a key lasts the session. */
  cipher?: SecretCipher | undefined
  /** UNSPLASH_ACCESS_KEY and UNSPLASH_API_URL. */
  env: NodeJS.ProcessEnv
  openExternal?: OpenExternal | undefined
  dispatcher?: () => Dispatcher
}

export type UnsplashCalls = Pick<
  AppApi,
  | 'getUnsplashStatus'
  | 'setUnsplashKey'
  | 'setUnsplashApiUrl'
  | 'searchUnsplash'
  | 'openUnsplashLink'
> & {
  /** A run's photos from their ids, or why they cannot be downloaded. */
  resolve(
    photoIds: readonly string[],
    size: ImageSize
  ): Result<ResolvedUrls & { unsplash: UnsplashPhotos }>
}

/** The photographers of a run, as its history entry names them: `Ana, Ben and 3 more`. */
function byline(photos: readonly UnsplashPhoto[]): string {
  const names = [...new Set(photos.map((photo) => photo.photographer.name))]
  if (names.length <= 2) return names.join(' and ')
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]}`
  return `${names[0]}, ${names[1]} and ${names.length - 2} more`
}

/** Only Unsplash's own pages open from the window: https on unsplash.com, nothing else. */
export function isUnsplashPage(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' && parsed.hostname === 'unsplash.com'
  } catch {
    return false
  }
}

/**
 * The window's Unsplash calls: the key is set and kept here (never sent back), searches keep
 * the photos they showed, and a run names those photos by id.
 */
export async function createUnsplashCalls(options: UnsplashCallsOptions): Promise<UnsplashCalls> {
  const store = new UnsplashStore(options.userDataDir, options.cipher, options.env)
  await store.load()
  const unsplash = new UnsplashService(store, options.dispatcher)

  const linkFor = (target: UnsplashLinkTarget): Result<string> => {
    if (target === 'key-help') return { ok: true, value: UNSPLASH_KEY_HELP_URL }
    const picked = unsplash.picked([target.photoId])
    if (!picked.ok) return picked
    const photo = picked.photos[0]!
    const url = target.which === 'photo' ? photo.pageUrl : photo.photographer.profileUrl
    return { ok: true, value: withReferral(url) }
  }

  return {
    getUnsplashStatus: async () => unsplash.status(),

    async setUnsplashKey(key): Promise<Result<UnsplashStatus>> {
      const parsed = unsplashKeySchema.safeParse(key)
      // The message names the rule, never the value pasted.
      if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'bad key' }
      await store.setKey(parsed.data)
      return { ok: true, value: unsplash.status() }
    },

    async setUnsplashApiUrl(url): Promise<Result<UnsplashStatus>> {
      const parsed = unsplashApiUrlSchema.safeParse(url)
      if (!parsed.success) return { ok: false, error: describeZodError('API origin', parsed.error) }
      await store.setApiUrl(parsed.data === null ? null : new URL(parsed.data).origin)
      return { ok: true, value: unsplash.status() }
    },

    searchUnsplash: (request) => unsplash.search(request),

    async openUnsplashLink(target): Promise<Result<void>> {
      const parsed = unsplashLinkSchema.safeParse(target)
      if (!parsed.success) return { ok: false, error: describeZodError('link', parsed.error) }
      const url = linkFor(parsed.data)
      if (!url.ok) return url
      if (!isUnsplashPage(url.value)) return { ok: false, error: 'Only unsplash.com pages open' }
      if (!options.openExternal) return { ok: false, error: 'This window cannot open links' }
      await options.openExternal(url.value) // eng-disable OPEN_EXTERNAL_JS_CHECK: checked above
      return { ok: true, value: undefined }
    },

    resolve(photoIds, size) {
      const picked = unsplash.picked(photoIds)
      if (!picked.ok) return { ok: false, error: `${picked.error}: search again and pick it` }
      const client = unsplash.client()
      if (typeof client === 'string') return { ok: false, error: client }
      const { photos } = picked
      const wide = size === 'original' ? '' : `, ${size} px wide`
      return {
        ok: true,
        value: {
          urls: photos.map((photo) => photoDownloadUrl(photo, size)),
          sourceLabel: `${photos.length} Unsplash photo${photos.length === 1 ? '' : 's'} by ${byline(photos)}${wide}`,
          sourceKey: createHash('sha256')
            .update(JSON.stringify({ unsplash: photoIds, size }))
            .digest('hex')
            .slice(0, 16),
          unsplash: {
            client,
            photos,
            size,
            onEnded: (_summary: PhotoDownloadSummary) => unsplash.noteRateLimit(client)
          }
        }
      }
    }
  }
}
