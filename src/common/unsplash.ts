import { z } from 'zod'

/** Search filters as the Unsplash API names them. */
export const UNSPLASH_ORIENTATIONS = ['landscape', 'portrait', 'squarish'] as const
export const UNSPLASH_COLORS = [
  'black_and_white',
  'black',
  'white',
  'yellow',
  'orange',
  'red',
  'purple',
  'magenta',
  'green',
  'teal',
  'blue'
] as const
export const UNSPLASH_ORDERS = ['relevant', 'latest'] as const
/** The API's own cap on `per_page`, and so the most a page of the picker shows. */
export const UNSPLASH_PER_PAGE = 30
/** The most photos one run takes from Unsplash: picked by hand, not mirrored. */
export const MAX_UNSPLASH_PICK = 300
export const UNSPLASH_KEY_HELP_URL = 'https://unsplash.com/oauth/applications'
export const UNSPLASH_DEFAULT_API_URL = 'https://api.unsplash.com'

const photoId = z.string().regex(/^[\w-]{1,64}$/, 'not an Unsplash photo id')

/** A search (`query`) or a collection's photos (`collection`), one page of 30. */
export const unsplashSearchSchema = z
  .object({
    query: z.string().trim().min(1).max(200).optional(),
    collection: z
      .string()
      .regex(/^[\w-]{1,64}$/, 'a collection id, such as 3178572')
      .optional(),
    page: z.number().int().min(1).max(1000).default(1),
    orientation: z.enum(UNSPLASH_ORIENTATIONS).optional(),
    color: z.enum(UNSPLASH_COLORS).optional(),
    orderBy: z.enum(UNSPLASH_ORDERS).optional()
  })
  .strict()
  .refine((s) => (s.query === undefined) !== (s.collection === undefined), {
    message: 'give a search query or a collection, not both'
  })
export type UnsplashSearchRequest = z.input<typeof unsplashSearchSchema>

export const unsplashKeySchema = z
  .string()
  .trim()
  .regex(/^[\w-]{10,128}$/, 'an Unsplash access key is letters, digits, - and _ (10 to 128)')
  .nullable()

export const unsplashApiUrlSchema = z
  .url({ protocol: /^https?$/, error: 'the API origin is an http(s) URL' })
  .max(500)
  .nullable()

/** Photos the window picked from its last searches: ids only, the service knows the rest. */
export const unsplashPickSchema = z.array(photoId).min(1).max(MAX_UNSPLASH_PICK)

/**
 * A link the window asks main to open: a shown photo's page or its photographer's profile, or
 * the page explaining how to get a key. Never a URL: the service computes it.
 */
export const unsplashLinkSchema = z.union([
  z.literal('key-help'),
  z.object({ photoId: photoId, which: z.enum(['photo', 'photographer']) }).strict()
])
export type UnsplashLinkTarget = z.infer<typeof unsplashLinkSchema>

/** From the API's X-Ratelimit-Limit and X-Ratelimit-Remaining. */
export interface UnsplashRateLimit {
  limit: number | null
  remaining: number | null
}

/** One search result as the window shows it. */
export interface UnsplashPhotoView {
  id: string
  /** `urls.thumb`, hotlinked as Unsplash asks. */
  thumbUrl: string
  width: number
  height: number
  description: string
  /** `Photo by NAME on Unsplash`. */
  credit: string
  photographer: string
  /** Links with the app's `utm_source` and `utm_medium=referral`. */
  profileUrl: string
  pageUrl: string
}

export interface UnsplashSearchResult {
  photos: UnsplashPhotoView[]
  page: number
  totalPages: number
  total: number
  rateLimit: UnsplashRateLimit
}

export interface UnsplashStatus {
  /** Where the key comes from; null when there is none. */
  key: 'saved' | 'session' | 'environment' | null
  /** Whether the system can keep a key encrypted (Electron's safeStorage); if not, it lasts the session. */
  canSaveKey: boolean
  apiUrl: string
  rateLimit: UnsplashRateLimit | null
}
