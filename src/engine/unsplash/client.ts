import { setTimeout as delay } from 'node:timers/promises'
import { request } from 'undici'
import type { Dispatcher } from 'undici'
import type { z } from 'zod'
import {
  UNSPLASH_COLORS,
  UNSPLASH_DEFAULT_API_URL,
  UNSPLASH_ORDERS,
  UNSPLASH_ORIENTATIONS,
  UNSPLASH_PER_PAGE
} from '../../common/unsplash.ts'
import type { UnsplashRateLimit } from '../../common/unsplash.ts'
import { collectionResponseSchema, searchResponseSchema, toPhoto } from './photo.ts'
import type { UnsplashPhoto } from './photo.ts'

export const UNSPLASH_API_URL = UNSPLASH_DEFAULT_API_URL
/** The API's own cap on `per_page`. */
export const MAX_PER_PAGE = UNSPLASH_PER_PAGE

export type UnsplashErrorCode =
  'unauthorized' | 'rate_limited' | 'http' | 'network' | 'malformed' | 'refused' | 'cancelled'

/** A failed API call. Its message never holds the access key. */
export class UnsplashError extends Error {
  readonly code: UnsplashErrorCode
  readonly status: number | undefined
  /** When a rate-limited caller may try again (epoch ms), if the API said. */
  readonly retryAt: number | undefined
  constructor(code: UnsplashErrorCode, message: string, status?: number, retryAt?: number) {
    super(message)
    this.name = 'UnsplashError'
    this.code = code
    this.status = status
    this.retryAt = retryAt
  }
}

/** 50 an hour in demo mode. */
export type RateLimit = UnsplashRateLimit

export interface PhotoQuery {
  orientation?: (typeof UNSPLASH_ORIENTATIONS)[number]
  page?: number
  perPage?: number
}

export interface SearchQuery extends PhotoQuery {
  query: string
  color?: (typeof UNSPLASH_COLORS)[number]
  orderBy?: (typeof UNSPLASH_ORDERS)[number]
}

export interface PhotoPage {
  photos: UnsplashPhoto[]
  page: number
  total: number
  totalPages: number
}

export interface UnsplashClientOptions {
  accessKey: string
  /** The API origin (UNSPLASH_API_URL): tests, proxies and mirrors. */
  apiUrl?: string
  dispatcher?: Dispatcher
  /** The least time between two requests: the client paces itself (default 1000 ms). */
  minIntervalMs?: number
  signal?: AbortSignal
}

const MAX_BODY_BYTES = 4 * 1024 * 1024

/**
 * The Unsplash API with the user's own key. The key goes in the Authorization header of
 * requests to the API origin and nowhere else: a `download_location` on another origin is
 * refused rather than sent the key.
 */
export class UnsplashClient {
  rateLimit: RateLimit = { limit: null, remaining: null }
  private readonly origin: URL
  private readonly minIntervalMs: number
  private lastRequestAt = -Infinity
  private readonly options: UnsplashClientOptions

  constructor(options: UnsplashClientOptions) {
    this.options = options
    if (!options.accessKey.trim()) {
      throw new UnsplashError('unauthorized', 'no Unsplash access key: set UNSPLASH_ACCESS_KEY')
    }
    this.origin = new URL(options.apiUrl ?? UNSPLASH_API_URL)
    if (this.origin.protocol !== 'https:' && this.origin.protocol !== 'http:') {
      throw new UnsplashError(
        'refused',
        `the Unsplash API URL must be http(s): ${this.origin.href}`
      )
    }
    this.minIntervalMs = options.minIntervalMs ?? 1000
  }

  async search(query: SearchQuery): Promise<PhotoPage> {
    const url = this.url('/search/photos', {
      query: query.query,
      page: query.page ?? 1,
      per_page: perPageOf(query.perPage),
      orientation: query.orientation,
      color: query.color,
      order_by: query.orderBy
    })
    const { body } = await this.get(url, searchResponseSchema, true)
    return {
      photos: body.results.map(toPhoto),
      page: query.page ?? 1,
      total: body.total,
      totalPages: body.total_pages
    }
  }

  async collection(id: string, query: PhotoQuery = {}): Promise<PhotoPage> {
    const url = this.url(`/collections/${encodeURIComponent(id)}/photos`, {
      page: query.page ?? 1,
      per_page: perPageOf(query.perPage),
      orientation: query.orientation
    })
    const { body, headers } = await this.get(url, collectionResponseSchema, true)
    const total = Number(headers['x-total'] ?? body.length) || body.length
    const perPage = perPageOf(query.perPage)
    return {
      photos: body.map(toPhoto),
      page: query.page ?? 1,
      total,
      totalPages: Math.ceil(total / perPage)
    }
  }

  /** Unsplash's download tracking: one authorized GET of the photo's download_location. */
  async trackDownload(photo: UnsplashPhoto): Promise<void> {
    let url: URL
    try {
      url = new URL(photo.downloadLocation)
    } catch {
      throw new UnsplashError('refused', `photo ${photo.id}: download_location is not a URL`)
    }
    if (url.origin !== this.origin.origin) {
      throw new UnsplashError(
        'refused',
        `photo ${photo.id}: download_location is not on the API origin ${this.origin.origin}, so the key is not sent there`
      )
    }
    await this.get(url, null, false)
  }

  private url(path: string, params: Record<string, string | number | undefined>): URL {
    const url = new URL(path.replace(/^\//, ''), withSlash(this.origin))
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined && value !== '') url.searchParams.set(name, String(value))
    }
    return url
  }

  /** `paced`: a page of photos waits out the least interval since the last page; tracking does not. */
  private async get<T>(
    url: URL,
    schema: z.ZodType<T> | null,
    paced: boolean
  ): Promise<{ body: T; headers: Record<string, string | string[] | undefined> }> {
    const { signal } = this.options
    if (paced) {
      const wait = this.lastRequestAt + this.minIntervalMs - performance.now()
      if (wait > 0) await delay(wait, undefined, { signal }).catch(() => undefined)
      this.lastRequestAt = performance.now()
    }
    if (signal?.aborted) throw new UnsplashError('cancelled', 'cancelled')
    let response: Dispatcher.ResponseData
    try {
      response = await request(url, {
        method: 'GET',
        signal,
        ...(this.options.dispatcher ? { dispatcher: this.options.dispatcher } : {}),
        headers: {
          authorization: `Client-ID ${this.options.accessKey}`,
          'accept-version': 'v1',
          'user-agent': 'concurrent-image-downloader'
        }
      })
    } catch (error) {
      if (signal?.aborted) throw new UnsplashError('cancelled', 'cancelled')
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
      throw new UnsplashError('network', `cannot reach ${this.origin.origin}: ${reason}`)
    }
    this.rateLimit = rateLimitOf(response.headers, this.rateLimit)
    const text = await readCapped(response.body)
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const error = statusError(response.statusCode, text, response.headers, this.rateLimit)
      // An API (or a proxy) that echoes the request back does not get the key into a message.
      error.message = error.message.split(this.options.accessKey).join('[key]')
      throw error
    }
    if (!schema) return { body: undefined as T, headers: response.headers }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw new UnsplashError('malformed', `${url.pathname}: the API answered something not JSON`)
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new UnsplashError(
        'malformed',
        `${url.pathname}: the API's answer is not as documented (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`
      )
    }
    return { body: parsed.data, headers: response.headers }
  }
}

function perPageOf(perPage: number | undefined): number {
  return Math.min(MAX_PER_PAGE, Math.max(1, Math.trunc(perPage ?? MAX_PER_PAGE)))
}

function withSlash(origin: URL): URL {
  const base = new URL(origin.href)
  if (!base.pathname.endsWith('/')) base.pathname += '/'
  return base
}

function header(headers: Record<string, string | string[] | undefined>, name: string) {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

function rateLimitOf(
  headers: Record<string, string | string[] | undefined>,
  previous: RateLimit
): RateLimit {
  const number = (name: string): number | null => {
    const value = Number(header(headers, name))
    return header(headers, name) !== undefined && Number.isFinite(value) ? value : null
  }
  return {
    limit: number('x-ratelimit-limit') ?? previous.limit,
    remaining: number('x-ratelimit-remaining') ?? previous.remaining
  }
}

async function readCapped(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) {
      body.destroy()
      throw new UnsplashError('malformed', 'the API answered more than 4 MiB')
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function statusError(
  status: number,
  text: string,
  headers: Record<string, string | string[] | undefined>,
  rateLimit: RateLimit
): UnsplashError {
  if (status === 401) {
    return new UnsplashError(
      'unauthorized',
      'Unsplash refused the access key (401): check it in Settings or UNSPLASH_ACCESS_KEY',
      status
    )
  }
  const limited = status === 429 || (status === 403 && /rate limit/i.test(text))
  if (limited || (status === 403 && rateLimit.remaining === 0)) {
    const retryAfter = Number(header(headers, 'retry-after'))
    const retryAt = Number.isFinite(retryAfter) ? Date.now() + retryAfter * 1000 : undefined
    const when = retryAt
      ? `try again after ${new Date(retryAt).toLocaleTimeString()}`
      : 'the hourly limit resets within the hour'
    return new UnsplashError(
      'rate_limited',
      `Unsplash's rate limit for this key is used up (${status}): ${when}`,
      status,
      retryAt
    )
  }
  const detail = text.slice(0, 200).replace(/\s+/g, ' ').trim()
  return new UnsplashError(
    'http',
    `the Unsplash API answered ${status}${detail ? `: ${detail}` : ''}`,
    status
  )
}
