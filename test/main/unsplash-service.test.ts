import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RunEvent, RunStartedEvent } from '../../src/common/events.ts'
import { UNSPLASH_KEY_HELP_URL } from '../../src/common/unsplash.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { createHandlers } from '../../src/main/service/handlers.ts'
import { canResume } from '../../src/main/service/runs/resume-interrupted.ts'
import { UNSPLASH_FILE } from '../../src/main/service/unsplash/unsplash-store.ts'
import type { SecretCipher } from '../../src/main/service/unsplash/unsplash-store.ts'
import { startFakeUnsplash } from '../helpers/fake-unsplash.ts'
import type { FakeUnsplash, FakeUnsplashOptions } from '../helpers/fake-unsplash.ts'
import { runRecord } from './helpers.ts'
import { disposeAll, openService } from './service-helpers.ts'

const KEY = 'svc-test-key-4d2b91e7'

/** A stand-in for safeStorage: the bytes it writes are not the text it was given. */
const xorCipher: SecretCipher = {
  canEncrypt: () => true,
  encrypt: (text) => Buffer.from(Buffer.from(text).map((b) => b ^ 0x5a)),
  decrypt: (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString()
}
/** A Linux desktop without a keyring: safeStorage would only obfuscate. */
const noCipher: SecretCipher = {
  canEncrypt: () => false,
  encrypt: () => {
    throw new Error('cannot encrypt')
  },
  decrypt: () => {
    throw new Error('cannot decrypt')
  }
}

let cdn: SimulatedCdn
const fakes: FakeUnsplash[] = []
beforeAll(async () => {
  cdn = await startSimulatedCdn({ count: 12, sizeKB: 24, latencyMs: 0, bandwidthKBps: 0 })
})
afterEach(disposeAll)
afterAll(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()))
  await cdn.close()
})

async function fakeApi(options: Partial<FakeUnsplashOptions> = {}): Promise<FakeUnsplash> {
  const fake = await startFakeUnsplash({ accessKey: KEY, imageUrls: cdn.urls, ...options })
  fakes.push(fake)
  return fake
}

/** A service whose Unsplash API is the fake, with a log that keeps every line. */
async function serviceFor(fake: FakeUnsplash, cipher: SecretCipher | undefined = xorCipher) {
  const log: string[] = []
  const opened: string[] = []
  const t = await openService({
    secretCipher: cipher,
    env: { UNSPLASH_API_URL: fake.url },
    openExternal: async (url) => void opened.push(url),
    log: (line) => void log.push(line)
  })
  return { ...t, log, opened, handlers: createHandlers(t.service) }
}

async function runOf(t: Awaited<ReturnType<typeof serviceFor>>, photoIds: string[]) {
  const started = await t.handlers.startDownload({
    strategy: 'pool',
    concurrency: 3,
    source: { kind: 'unsplash', photoIds, imageSize: 'original' }
  })
  if (!started.ok) throw new Error(started.error)
  await t.finished(started.value.runId)
  const events = t.events().filter((e) => e.runId === started.value.runId)
  const history = await t.service.getHistory()
  return { runId: started.value.runId, events, record: history[0]! }
}

describe('the window’s Unsplash: search with the user’s key, pick by id', () => {
  it('downloads 3 picked photos: tracked once each, credited, the key nowhere but the API', async () => {
    const fake = await fakeApi({ photographer: (i) => `Ana Lima ${i}` })
    const t = await serviceFor(fake)
    expect(await t.handlers.getUnsplashStatus()).toMatchObject({ key: null, canSaveKey: true })
    const set = await t.handlers.setUnsplashKey(KEY)
    expect(set).toMatchObject({ ok: true, value: { key: 'saved', apiUrl: fake.url } })

    const found = await t.handlers.searchUnsplash({ query: 'mountains', orientation: 'landscape' })
    if (!found.ok) throw new Error(found.error)
    expect(found.value.photos).toHaveLength(12)
    expect(found.value.photos[0]).toMatchObject({
      credit: 'Photo by Ana Lima 0 on Unsplash',
      thumbUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1/)
    })
    expect(found.value.rateLimit).toEqual({ limit: 50, remaining: 49 })

    const picked = found.value.photos.slice(2, 5).map((p) => p.id)
    const { events, record } = await runOf(t, picked)
    expect([record.ok, record.failed]).toEqual([3, 0])
    const files = (await readdir(t.outputDir)).sort()
    expect(files.filter((f) => /\.(jpe?g|png|webp)$/.test(f))).toHaveLength(3)
    expect(files).toEqual(expect.arrayContaining(['CREDITS.md', 'credits.json']))
    const credits = await readFile(join(t.outputDir, 'CREDITS.md'), 'utf8')
    for (const i of [2, 3, 4]) expect(credits).toContain(`Ana Lima ${i}`)
    expect(credits).toContain('utm_medium=referral')
    expect(Object.fromEntries(fake.tracked)).toEqual({ fake0002: 1, fake0003: 1, fake0004: 1 })

    // Tiles and the history name the photographer.
    const started = events.find((e): e is RunStartedEvent => e.type === 'run-started')!
    expect(started.tasks.map((task) => task.credit)).toEqual(
      [2, 3, 4].map((i) => `Photo by Ana Lima ${i} on Unsplash`)
    )
    expect(record.tasks.map((task) => task.credit)).toEqual(
      started.tasks.map((task) => task.credit)
    )
    expect(record.sourceLabel).toBe('3 Unsplash photos by Ana Lima 2, Ana Lima 3 and Ana Lima 4')

    // After the run, what the tracking calls left of the hour: 1 search + 3 trackings.
    expect((await t.handlers.getUnsplashStatus()).rateLimit).toEqual({ limit: 50, remaining: 46 })

    // The key went to the API in its header and nowhere else the window or a file can see.
    expect(fake.requests.every((r) => r.authorization === `Client-ID ${KEY}`)).toBe(true)
    const seen = JSON.stringify([
      await t.handlers.getUnsplashStatus(),
      t.events(),
      await t.service.getHistory(),
      t.log,
      await readFile(join(t.userDataDir, 'history.json'), 'utf8').catch(() => ''),
      await readFile(join(t.userDataDir, UNSPLASH_FILE), 'utf8'),
      credits
    ])
    expect(seen).not.toContain(KEY)
  })

  it('refuses a photo id it did not show, and a source that names URLs', async () => {
    const fake = await fakeApi()
    const t = await serviceFor(fake)
    await t.handlers.setUnsplashKey(KEY)
    const found = await t.handlers.searchUnsplash({ query: 'sea' })
    if (!found.ok) throw new Error(found.error)

    const unknown = await t.handlers.startDownload({
      strategy: 'pool',
      concurrency: 2,
      source: { kind: 'unsplash', photoIds: [found.value.photos[0]!.id, 'notshown1'] }
    })
    expect(unknown).toEqual({
      ok: false,
      error: 'photo notshown1 is not among the recent search results: search again and pick it'
    })
    const withUrls = await t.handlers.startDownload({
      strategy: 'pool',
      concurrency: 2,
      source: { kind: 'unsplash', photoIds: ['fake0001'], urls: ['http://127.0.0.1:9/x.jpg'] }
    })
    expect(withUrls).toMatchObject({ ok: false })
    const pipeline = await t.handlers.startPipeline({
      download: {
        strategy: 'pool',
        concurrency: 2,
        source: { kind: 'unsplash', photoIds: ['fake0001'] }
      },
      process: { strategy: 'pool', concurrency: 2, kernel: 'sharp', blur: 1, maxSize: 100 }
    })
    expect(pipeline).toMatchObject({ ok: false, error: /download them, then process them/ })
    expect(fake.tracked.size).toBe(0)
    expect(await readdir(t.outputDir).catch(() => [])).toEqual([])
  })

  it('tracks no failed image, and a tracking call that fails is a run notice; images stay', async () => {
    const urls = [...cdn.urls.slice(0, 4)]
    urls[1] = cdn.faultUrl({ kind: 'status', code: 404 })
    // The hour runs out after the search and one tracking call: the other two are refused.
    const fake = await fakeApi({ imageUrls: urls, rateLimit: 2 })
    const t = await serviceFor(fake)
    await t.handlers.setUnsplashKey(KEY)
    const found = await t.handlers.searchUnsplash({ query: 'forest' })
    if (!found.ok) throw new Error(found.error)
    const { events, record } = await runOf(
      t,
      found.value.photos.map((p) => p.id)
    )
    expect([record.ok, record.failed]).toEqual([3, 1])
    expect(fake.tracked.get('fake0001')).toBeUndefined()
    expect(fake.tracked.size).toBe(1)
    const notices = events.flatMap((e: RunEvent) => (e.type === 'run-notice' ? [e.message] : []))
    expect(notices).toHaveLength(2)
    expect(notices[0]).toMatch(
      /^Unsplash was not told of the download of photo fake000\d: .*Rate Limit/i
    )
    // The notices come before the run's end, and the saved images are still there.
    const end = events.findIndex((e) => e.type === 'run-finished')
    expect(events.findIndex((e) => e.type === 'run-notice')).toBeLessThan(end)
    const images = (await readdir(t.outputDir)).filter((f) => f.endsWith('.jpg'))
    expect(images, images.join()).toHaveLength(3)
  })

  it('a wrong key says so (401); a used-up hour says when to try again (403 and 429)', async () => {
    const fake = await fakeApi()
    const t = await serviceFor(fake)
    await t.handlers.setUnsplashKey('not-the-right-key')
    const wrong = await t.handlers.searchUnsplash({ query: 'x' })
    expect(wrong).toMatchObject({ ok: false, error: /refused the access key \(401\)/ })
    expect(JSON.stringify(wrong)).not.toContain('not-the-right-key')

    const spent = await serviceFor(await fakeApi({ rateLimit: 0 }))
    await spent.handlers.setUnsplashKey(KEY)
    const e403 = await spent.handlers.searchUnsplash({ query: 'x' })
    expect(e403).toMatchObject({ ok: false, error: /Rate Limit Exceeded.*resets within the hour/i })

    const tooMany = await serviceFor(await fakeApi({ rateLimit: 0, limitStatus: 429 }))
    await tooMany.handlers.setUnsplashKey(KEY)
    const e429 = await tooMany.handlers.searchUnsplash({ collection: '3178572' })
    expect(e429).toMatchObject({ ok: false, error: /try again after/ })
  })

  it('without a key, a search says where to paste one; a bad key is refused without echoing it', async () => {
    const t = await serviceFor(await fakeApi())
    const none = await t.handlers.searchUnsplash({ query: 'x' })
    expect(none).toMatchObject({ ok: false, error: expect.stringContaining(UNSPLASH_KEY_HELP_URL) })
    const bad = await t.handlers.setUnsplashKey('short <script>')
    expect(bad).toMatchObject({ ok: false })
    expect(JSON.stringify(bad)).not.toContain('script')
    expect((await t.handlers.getUnsplashStatus()).key).toBeNull()
  })
})

describe('the key at rest, and the links the window may open', () => {
  it('writes the key only encrypted, reads it back after a restart, and Remove deletes it', async () => {
    const fake = await fakeApi()
    const t = await serviceFor(fake)
    await t.handlers.setUnsplashKey(KEY)
    const file = await readFile(join(t.userDataDir, UNSPLASH_FILE), 'utf8')
    expect(file).not.toContain(KEY)
    expect(JSON.parse(file)).toMatchObject({ version: 1, key: expect.any(String) })

    const again = await t.reopen({ secretCipher: xorCipher, env: { UNSPLASH_API_URL: fake.url } })
    expect((await again.getUnsplashStatus()).key).toBe('saved')
    expect(await again.searchUnsplash({ query: 'x' })).toMatchObject({ ok: true })
    await again.setUnsplashKey(null)
    await expect(readFile(join(t.userDataDir, UNSPLASH_FILE), 'utf8')).rejects.toThrow(/ENOENT/)
  })

  it('where the system cannot encrypt, the key lasts the session and no file is written', async () => {
    const t = await serviceFor(await fakeApi(), noCipher)
    const set = await t.handlers.setUnsplashKey(KEY)
    expect(set).toMatchObject({ ok: true, value: { key: 'session', canSaveKey: false } })
    expect(await t.handlers.searchUnsplash({ query: 'x' })).toMatchObject({ ok: true })
    expect(await readdir(t.userDataDir).catch(() => [])).not.toContain(UNSPLASH_FILE)
  })

  it('opens a shown photo’s page or profile with the referral, or the key help; nothing else', async () => {
    const t = await serviceFor(await fakeApi())
    await t.handlers.setUnsplashKey(KEY)
    const found = await t.handlers.searchUnsplash({ query: 'x' })
    if (!found.ok) throw new Error(found.error)
    const id = found.value.photos[0]!.id
    expect(await t.handlers.openUnsplashLink({ photoId: id, which: 'photographer' })).toEqual({
      ok: true,
      value: undefined
    })
    await t.handlers.openUnsplashLink({ photoId: id, which: 'photo' })
    await t.handlers.openUnsplashLink('key-help')
    expect(t.opened).toEqual([
      'https://unsplash.com/@user0?utm_source=concurrent_image_downloader&utm_medium=referral',
      `https://unsplash.com/photos/${id}?utm_source=concurrent_image_downloader&utm_medium=referral`,
      UNSPLASH_KEY_HELP_URL
    ])
    const refused = [
      await t.handlers.openUnsplashLink({ photoId: 'notshown1', which: 'photo' }),
      await t.handlers.openUnsplashLink('https://evil.example/'),
      await t.handlers.openUnsplashLink({
        photoId: id,
        which: 'photo',
        url: 'https://evil.example/'
      })
    ]
    expect(refused.every((r) => !r.ok)).toBe(true)
    expect(t.opened).toHaveLength(3)
  })
})

describe('an interrupted run of Unsplash photos', () => {
  it('is not offered to Resume, which would download its URLs untracked', () => {
    const queued = { taskId: 0, label: 'http://127.0.0.1:9/a.jpg', status: 'queued' as const }
    const task = { ...queued, bytes: 0, startMs: null, endMs: null, lane: null }
    const interrupted = { interrupted: true, dir: '/tmp/x', kind: 'download' as const }
    expect(canResume(runRecord('plain', { ...interrupted, tasks: [task] }))).toBe(true)
    const credited = { ...task, credit: 'Photo by Ana on Unsplash' }
    expect(canResume(runRecord('photos', { ...interrupted, tasks: [credited] }))).toBe(false)
  })
})
