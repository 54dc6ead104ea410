import { mkdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { UnsplashClient, UnsplashError } from '../../src/engine/unsplash/client.ts'
import { creditsMarkdown, writeCredits } from '../../src/engine/unsplash/credits.ts'
import { downloadPhotos, photoDownloadUrl } from '../../src/engine/unsplash/download-photos.ts'
import { findPhotos } from '../../src/engine/unsplash/find-photos.ts'
import { startFakeUnsplash } from '../helpers/fake-unsplash.ts'
import type { FakeUnsplash } from '../helpers/fake-unsplash.ts'
import { filesIn, tempFolder } from '../helpers/temp-dir.ts'

const KEY = 'test-access-key-7f3a9c'
let cdn: SimulatedCdn

beforeAll(async () => {
  cdn = await startSimulatedCdn({ count: 45, sizeKB: 32, latencyMs: 0, bandwidthKBps: 0 })
})
afterAll(async () => cdn.close())

const servers: FakeUnsplash[] = []
afterAll(async () => Promise.all(servers.map((s) => s.close())))

async function fake(options: Partial<Parameters<typeof startFakeUnsplash>[0]> = {}) {
  const api = await startFakeUnsplash({ accessKey: KEY, imageUrls: cdn.urls, ...options })
  servers.push(api)
  return api
}

const client = (api: FakeUnsplash, accessKey = KEY) =>
  new UnsplashClient({ accessKey, apiUrl: api.url, minIntervalMs: 0 })

async function failure(promise: Promise<unknown>): Promise<UnsplashError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(UnsplashError)
  return error as UnsplashError
}

describe('Unsplash search with the user’s key', () => {
  it('pages a search at 30 a page until the count, sending the key only as Client-ID', async () => {
    const api = await fake()
    const { photos, total } = await findPhotos(
      client(api),
      { kind: 'search', query: 'mountains', orientation: 'landscape', color: 'blue' },
      40
    )
    expect(total).toBe(45)
    expect(photos).toHaveLength(40)
    expect(new Set(photos.map((p) => p.id)).size).toBe(40)
    expect(api.requests.map((r) => r.path)).toEqual([
      '/search/photos?query=mountains&page=1&per_page=30&orientation=landscape&color=blue',
      '/search/photos?query=mountains&page=2&per_page=30&orientation=landscape&color=blue'
    ])
    expect(api.requests.every((r) => r.authorization === `Client-ID ${KEY}`)).toBe(true)
    expect(photos[0]?.photographer.name).toBe('Photographer 0')
  })

  it('reads what is left of the hourly limit from the rate-limit headers', async () => {
    const api = await fake({ rateLimit: 50 })
    const unsplash = client(api)
    await unsplash.search({ query: 'sea', perPage: 5 })
    await unsplash.search({ query: 'sea', perPage: 5, page: 2 })
    expect(unsplash.rateLimit).toEqual({ limit: 50, remaining: 48 })
  })

  it('lists a collection’s photos, and says so when the collection does not exist', async () => {
    const api = await fake({ collections: { '3178572': [2, 4, 6] } })
    const { photos } = await findPhotos(client(api), { kind: 'collection', id: '3178572' }, 30)
    expect(photos.map((p) => p.id)).toEqual(['fake0002', 'fake0004', 'fake0006'])
    const error = await failure(client(api).collection('nope'))
    expect(error.code).toBe('http')
    expect(error.message).toMatch(/404/)
  })

  it('a wrong key is a 401 that says the key is wrong', async () => {
    const api = await fake()
    const error = await failure(client(api, 'wrong-key').search({ query: 'x' }))
    expect(error.code).toBe('unauthorized')
    expect(error.message).toMatch(/refused the access key/)
    expect(error.message).not.toContain('wrong-key')
  })

  it('an exhausted limit (403 Rate Limit Exceeded, or 429) says when to try again', async () => {
    const forbidden = await fake({ rateLimit: 1 })
    await client(forbidden).search({ query: 'x' })
    const e403 = await failure(client(forbidden).search({ query: 'x' }))
    expect([e403.code, e403.status]).toEqual(['rate_limited', 403])
    expect(e403.message).toMatch(/resets within the hour/)

    const tooMany = await fake({ rateLimit: 0, limitStatus: 429 })
    const e429 = await failure(client(tooMany).search({ query: 'x' }))
    expect([e429.code, e429.status]).toEqual(['rate_limited', 429])
    expect(e429.retryAt).toBeGreaterThan(Date.now())
    expect(e429.message).toMatch(/try again after/)
  })

  it('refuses a download_location off the API origin: the key is not sent there', async () => {
    const api = await fake()
    const elsewhere = await fake()
    const [photo] = (await client(api).search({ query: 'x', perPage: 1 })).photos
    const moved = { ...photo!, downloadLocation: `${elsewhere.url}/photos/${photo!.id}/download` }
    const error = await failure(client(api).trackDownload(moved))
    expect(error.code).toBe('refused')
    expect(elsewhere.requests).toHaveLength(0)
  })

  it('the download URL is urls.raw with the size’s w and q, keeping ixid', () => {
    const photo = {
      rawUrl: 'https://images.unsplash.com/photo-1?ixid=M3wabc&ixlib=rb-4.1.0'
    } as Parameters<typeof photoDownloadUrl>[0]
    const url = new URL(photoDownloadUrl(photo, '1080'))
    expect(url.searchParams.get('ixid')).toBe('M3wabc')
    expect([url.searchParams.get('w'), url.searchParams.get('q')]).toEqual(['1080', '80'])
  })
})

describe('downloading picked photos: tracking and credits', () => {
  it('tracks each saved photo once, never a failed one, even after retries; writes the credits', async () => {
    const urls = [...cdn.urls.slice(0, 4)]
    urls[1] = cdn.faultUrl({ kind: 'status', code: 404 })
    urls[2] = cdn.faultUrl({ kind: 'flaky', failures: 2, key: `unsplash-${Date.now()}` })
    const api = await fake({ imageUrls: urls, photographer: (i) => `Ana [${i}](evil)` })
    const unsplash = client(api)
    const { photos } = await findPhotos(unsplash, { kind: 'search', query: 'x' }, 4)
    const dir = await tempFolder()
    const events: RunEvent[] = []
    const summary = await downloadPhotos(unsplash, photos, {
      dir,
      size: 'original',
      strategy: 'pool',
      concurrency: 4,
      limits: { retryBaseDelayMs: 1, retryMaxDelayMs: 5 },
      onEvent: (event) => events.push(event)
    })
    expect([summary.ok, summary.failed]).toEqual([3, 1])
    expect(Object.fromEntries(api.tracked)).toEqual({ fake0000: 1, fake0002: 1, fake0003: 1 })
    expect(summary.tracked).toBe(3)

    expect(await filesIn(dir)).toEqual(expect.arrayContaining(['CREDITS.md', 'credits.json']))
    const markdown = await readFile(join(dir, 'CREDITS.md'), 'utf8')
    expect(markdown).toContain('utm_source=concurrent_image_downloader&utm_medium=referral')
    expect(markdown).toContain('Photo by [Ana \\[0\\]\\(evil\\)](https://unsplash.com/@user0?')
    expect(markdown).not.toContain('fake0001')
    const credits = JSON.parse(await readFile(join(dir, 'credits.json'), 'utf8'))
    expect(credits.photos.map((p: { id: string }) => p.id).sort()).toEqual([
      'fake0000',
      'fake0002',
      'fake0003'
    ])

    // The key is in no event, summary or file the run left.
    const written = [
      markdown,
      JSON.stringify(credits),
      JSON.stringify(events),
      JSON.stringify(summary)
    ]
    for (const text of written) expect(text).not.toContain(KEY)
  })

  it('a second run adds to the app’s own credits; an image skipped as already saved is not tracked', async () => {
    const api = await fake()
    const unsplash = client(api)
    const dir = await tempFolder()
    const common = { dir, size: 'original' as const, strategy: 'pool' as const, concurrency: 2 }
    const first = (await unsplash.search({ query: 'a', perPage: 2 })).photos
    await downloadPhotos(unsplash, first, common)
    const second = (await unsplash.search({ query: 'a', perPage: 2, page: 2 })).photos
    await downloadPhotos(unsplash, second, common)
    const credits = JSON.parse(await readFile(join(dir, 'credits.json'), 'utf8'))
    expect(credits.photos).toHaveLength(4)
    // The same photos again, found already saved: nothing is downloaded, so nothing is tracked.
    const again = await downloadPhotos(unsplash, first, { ...common, existing: 'skip' })
    expect(again.tracked).toBe(0)
    expect([...api.tracked.values()]).toEqual([1, 1, 1, 1])
  })
})

describe('credit files beside the user’s own', () => {
  const entry = {
    id: 'p1',
    file: 'photo-1.jpg',
    description: '',
    pageUrl: 'https://unsplash.com/photos/p1',
    photographer: { name: 'Bo', username: 'bo', profileUrl: 'https://unsplash.com/@bo' },
    savedAt: 1
  }

  it('never replaces a CREDITS.md the user wrote, nor follows a link planted at credits.json', async () => {
    const dir = await tempFolder()
    const outside = await tempFolder()
    await writeFile(join(dir, 'CREDITS.md'), 'my own notes\n')
    await writeFile(join(outside, 'target.json'), '{"mine":true}')
    await symlink(join(outside, 'target.json'), join(dir, 'credits.json'))
    const names = await writeCredits(dir, [entry])
    expect(names).toEqual({ markdown: 'CREDITS (2).md', json: 'credits (2).json' })
    expect(await readFile(join(dir, 'CREDITS.md'), 'utf8')).toBe('my own notes\n')
    expect(await readFile(join(outside, 'target.json'), 'utf8')).toBe('{"mine":true}')
    expect(await readlink(join(dir, 'credits.json'))).toBe(join(outside, 'target.json'))
    expect(await readFile(join(dir, 'CREDITS (2).md'), 'utf8')).toContain('Photo by [Bo]')
  })

  it('a folder in the way of a name is passed over', async () => {
    const dir = await tempFolder()
    await mkdir(join(dir, 'CREDITS.md'))
    expect((await writeCredits(dir, [entry])).markdown).toBe('CREDITS (2).md')
  })

  it('escapes Markdown in names from the API', () => {
    const text = creditsMarkdown([
      { ...entry, photographer: { ...entry.photographer, name: '](javascript:x)\n# Hi' } }
    ])
    expect(text).toContain('Photo by [\\]\\(javascript:x\\) \\# Hi](')
  })
})
