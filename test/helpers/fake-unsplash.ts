import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A stand-in for the Unsplash API on loopback, its answers shaped as
 * https://unsplash.com/documentation documents them, its image URLs on the simulated CDN.
 * It checks the key, counts every request and each photo's download tracking, and keeps an
 * hourly budget whose end answers 403 "Rate Limit Exceeded" (or 429 when asked).
 */
export interface FakeUnsplashOptions {
  accessKey: string
  /** The simulated CDN's photo URLs, one per photo (`cdn.urls`). */
  imageUrls: readonly string[]
  /** Requests allowed before the limit answers (default 50, the demo rate). */
  rateLimit?: number
  /** How an exhausted limit answers: 403 as Unsplash does, or 429. */
  limitStatus?: 403 | 429
  /** Photos of collection `id`: indexes into imageUrls (default: none). */
  collections?: Record<string, number[]>
  /** A photographer's name for photo i (default `Photographer i`). */
  photographer?: (index: number) => string
}

export interface FakeUnsplash {
  url: string
  /** Every request: its path with query, and the Authorization header it carried. */
  requests: { path: string; authorization: string | undefined }[]
  /** Download-tracking calls per photo id. */
  tracked: Map<string, number>
  remaining: number
  close(): Promise<void>
}

const photoId = (index: number): string => `fake${String(index).padStart(4, '0')}`

export async function startFakeUnsplash(options: FakeUnsplashOptions): Promise<FakeUnsplash> {
  const limit = options.rateLimit ?? 50
  const fake: FakeUnsplash = {
    url: '',
    requests: [],
    tracked: new Map(),
    remaining: limit,
    close: async () => undefined
  }
  const photo = (index: number) => {
    const id = photoId(index)
    const image = new URL(options.imageUrls[index] ?? '')
    image.searchParams.set('ixid', `M3w${id}`)
    image.searchParams.set('ixlib', 'rb-4.1.0')
    const raw = image.toString()
    const name = options.photographer?.(index) ?? `Photographer ${index}`
    const username = `user${index}`
    return {
      id,
      width: 2400,
      height: 1600,
      color: '#406080',
      description: null,
      alt_description: `simulated photo ${index}`,
      urls: {
        raw,
        full: raw,
        regular: `${raw}&w=1080`,
        small: `${raw}&w=400`,
        thumb: `${raw}&w=200`
      },
      links: {
        self: `${fake.url}/photos/${id}`,
        html: `https://unsplash.com/photos/${id}`,
        download: `https://unsplash.com/photos/${id}/download`,
        download_location: `${fake.url}/photos/${id}/download?ixid=M3w${id}`
      },
      user: {
        id: `u${index}`,
        username,
        name,
        links: { html: `https://unsplash.com/@${username}` }
      }
    }
  }
  const send = (res: ServerResponse, status: number, body: unknown, headers = {}): void => {
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    res.writeHead(status, {
      'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, fake.remaining)),
      ...headers
    })
    res.end(text)
  }
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', fake.url)
    fake.requests.push({
      path: url.pathname + url.search,
      authorization: req.headers.authorization
    })
    if (req.headers.authorization !== `Client-ID ${options.accessKey}`) {
      return send(res, 401, { errors: ['OAuth error: The access token is invalid'] })
    }
    if (fake.remaining <= 0) {
      return options.limitStatus === 429
        ? send(res, 429, { errors: ['Too many requests'] }, { 'retry-after': '60' })
        : send(res, 403, 'Rate Limit Exceeded')
    }
    fake.remaining--
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1))
    const perPage = Math.min(30, Math.max(1, Number(url.searchParams.get('per_page') ?? 10)))
    const slice = (indexes: number[]) => indexes.slice((page - 1) * perPage, page * perPage)
    const tracking = /^\/photos\/([^/]+)\/download$/.exec(url.pathname)
    if (tracking?.[1]) {
      const id = tracking[1]
      fake.tracked.set(id, (fake.tracked.get(id) ?? 0) + 1)
      return send(res, 200, { url: `https://images.unsplash.com/${id}?ixid=M3w${id}` })
    }
    if (url.pathname === '/search/photos') {
      if (!url.searchParams.get('query')) return send(res, 400, { errors: ['query is missing'] })
      const all = options.imageUrls.map((_, index) => index)
      return send(res, 200, {
        total: all.length,
        total_pages: Math.ceil(all.length / perPage),
        results: slice(all).map(photo)
      })
    }
    const collection = /^\/collections\/([^/]+)\/photos$/.exec(url.pathname)
    if (collection?.[1]) {
      const indexes = options.collections?.[collection[1]]
      if (!indexes) return send(res, 404, { errors: ['Couldn\u2019t find Collection'] })
      return send(res, 200, slice(indexes).map(photo), {
        'x-total': String(indexes.length),
        'x-per-page': String(perPage)
      })
    }
    send(res, 404, { errors: ['Not found'] })
  }
  const server = createServer(handle)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return fake
}
