/**
 * The settings or history file corrupt or truncated: the app starts with the
 * defaults, keeps a copy of the bad file byte for byte, and says so once.
 * Real files written by the app are truncated at seeded random offsets, filled
 * with garbage, or replaced by valid JSON of the wrong shape. test/main covers
 * one truncated file of each.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { SleepRequest } from '../../src/common/schemas.ts'
import { defaultSettings } from '../../src/main/service/stores/settings-store.ts'
import { disposeAll, openService } from '../main/service-helpers.ts'
import type { ServiceUnderTest } from '../main/service-helpers.ts'
import { removeDir, seededRandom, tally, tempRoot } from './helpers.ts'

const counts = tally('corrupt-stores')
const roots: string[] = []
let goodSettings: Buffer
let goodHistory: Buffer

const SLEEP: SleepRequest = {
  strategy: 'pool',
  concurrency: 2,
  seconds: [0.01, 0.02],
  mode: 'timer',
  order: 'completed'
}

beforeAll(async () => {
  // Real files, as the app writes them.
  const t = await openService({ root: await newRoot() })
  const saved = await t.service.saveSettings({
    strategy: 'workers',
    concurrency: 9,
    imageSize: '1080',
    sourceKind: 'simulated',
    urls: ['https://images.unsplash.com/photo-1516117172878-fd2c41f4a759', '# a note']
  })
  expect(saved.ok).toBe(true)
  for (let i = 0; i < 2; i++) {
    const started = await t.service.startSleep(SLEEP)
    if (!started.ok) throw new Error(started.error)
    await t.finished(started.value.runId)
  }
  await t.service.dispose()
  goodSettings = await readFile(join(t.userDataDir, 'settings.json'))
  goodHistory = await readFile(join(t.userDataDir, 'history.json'))
  expect(JSON.parse(goodHistory.toString()).runs).toHaveLength(2)
})
afterEach(disposeAll)
afterAll(async () => {
  for (const root of roots) await removeDir(root)
})

async function newRoot(): Promise<string> {
  const root = await tempRoot('cid-stores-')
  roots.push(root)
  return root
}

type Store = 'settings' | 'history'

/** Starts the app on a user-data folder holding these files. */
async function startWith(
  files: Partial<Record<Store, Buffer | string>>
): Promise<ServiceUnderTest> {
  const root = await newRoot()
  await mkdir(join(root, 'user-data'), { recursive: true })
  for (const [store, content] of Object.entries(files)) {
    await writeFile(join(root, 'user-data', `${store}.json`), content)
  }
  return openService({ root })
}

const NOTICE: Record<Store, RegExp> = {
  settings:
    /^(The settings file was damaged and the defaults are used|Some saved settings were not valid and were reset to their defaults)\. The old file was kept as (.+)\.$/,
  history: /^The run history was damaged and starts empty\. The old file was kept as (.+)\.$/
}

/** The app started with the defaults for `store`, kept the bad bytes aside and said so once. */
async function expectReset(t: ServiceUnderTest, store: Store, bad: Buffer | string): Promise<void> {
  if (store === 'settings') {
    expect(await t.service.getSettings()).toEqual(defaultSettings(t.outputDir, 2))
  } else {
    expect(await t.service.getHistory()).toEqual([])
  }
  const notices = await t.service.getNotices()
  expect(notices).toHaveLength(1)
  const match = NOTICE[store].exec(notices[0] ?? '')
  expect(match, notices[0]).not.toBeNull()
  const kept = match?.at(-1) ?? ''
  expect(kept.startsWith(join(t.userDataDir, `${store}.json.corrupt-`))).toBe(true)
  expect((await readFile(kept)).equals(Buffer.from(bad))).toBe(true)
  expect(await t.service.getNotices()).toEqual([])
}

/** Where to cut a file: its start, its last byte, and seeded random points between. */
function cutPoints(seed: number): number[] {
  const random = seededRandom(seed)
  const points = [0, 1e-9, 0.999_999]
  while (points.length < 14) points.push(random())
  return points
}

describe.each([
  ['settings', () => goodSettings, 11],
  ['history', () => goodHistory, 12]
] as const)('%s file truncated at random offsets', (store, good, seed) => {
  it.each(cutPoints(seed))('cut at %f of its length', async (point) => {
    const whole = good()
    const bad = whole.subarray(0, Math.min(Math.floor(point * whole.length), whole.length - 1))
    counts.faults++
    const other: Store = store === 'settings' ? 'history' : 'settings'
    const t = await startWith({
      [store]: bad,
      [other]: other === 'settings' ? goodSettings : goodHistory
    })
    await expectReset(t, store, bad)
    // The other store is read as it was.
    if (other === 'history') expect(await t.service.getHistory()).toHaveLength(2)
    else expect((await t.service.getSettings()).concurrency).toBe(9)
  })
})

const GARBAGE: [string, () => Buffer][] = [
  ['zeros, as after a power loss', () => Buffer.alloc(2048)],
  ['random bytes', () => Buffer.from(Array.from({ length: 3000 }, seededBytes(5)))],
  ['one byte', () => Buffer.from([0xff])],
  ['UTF-16 with a byte-order mark', (): Buffer => Buffer.from(`\ufeff${goodSettings}`, 'utf16le')],
  ['the good file with NULs after it', () => Buffer.concat([goodSettings, Buffer.alloc(64)])],
  ['the good file twice', () => Buffer.concat([goodSettings, goodSettings])],
  ['text', () => Buffer.from('settings: please\n')]
]

function seededBytes(seed: number): () => number {
  const random = seededRandom(seed)
  return () => Math.floor(random() * 256)
}

describe('garbage in the files', () => {
  it.each(GARBAGE)('settings: %s', async (_what, bytes) => {
    counts.faults++
    const bad = bytes()
    await expectReset(await startWith({ settings: bad, history: goodHistory }), 'settings', bad)
  })

  it.each(GARBAGE)('history: %s', async (_what, bytes) => {
    counts.faults++
    const bad = bytes()
    await expectReset(await startWith({ settings: goodSettings, history: bad }), 'history', bad)
  })
})

describe('valid JSON of the wrong shape', () => {
  it.each([
    '[]',
    '{}',
    'null',
    'true',
    '42',
    '"settings"',
    '{"strategy":"warp","concurrency":-1}',
    '{"outputDir":5,"urls":"https://a.example/x.jpg"}',
    '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
    '[{"strategy":"pool"}]'
  ])('settings: %s', async (text) => {
    counts.faults++
    await expectReset(await startWith({ settings: text, history: goodHistory }), 'settings', text)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('settings: the valid ones of a half-wrong file are kept, the rest reset', async () => {
    counts.faults++
    const text = JSON.stringify({ ...JSON.parse(goodSettings.toString()), concurrency: 'many' })
    const t = await startWith({ settings: text })
    expect(await t.service.getSettings()).toMatchObject({ strategy: 'workers', concurrency: 6 })
    expect(await t.service.getNotices()).toHaveLength(1)
  })

  it.each(['[]', '{}', 'null', '42', '{"runs":{}}', '{"runs":"all of them"}', '{"version":1}'])(
    'history: %s',
    async (text) => {
      counts.faults++
      await expectReset(await startWith({ settings: goodSettings, history: text }), 'history', text)
    }
  )

  it('history: records that are not runs are kept aside and told', async () => {
    counts.faults++
    const text = JSON.stringify({ version: 1, runs: [1, 'two', { runId: 3 }] })
    await expectReset(await startWith({ settings: goodSettings, history: text }), 'history', text)
  })
})

describe('both files bad, or unreadable', () => {
  it('says so once for each, then starts clean and stays quiet', async () => {
    counts.faults += 2
    const settings = goodSettings.subarray(0, 40)
    const history = goodHistory.subarray(0, 40)
    const t = await startWith({ settings, history })
    expect(await t.service.getSettings()).toEqual(defaultSettings(t.outputDir, 2))
    expect(await t.service.getHistory()).toEqual([])
    const notices = await t.service.getNotices()
    expect(notices).toHaveLength(2)
    expect(notices.some((n) => NOTICE.settings.test(n))).toBe(true)
    expect(notices.some((n) => NOTICE.history.test(n))).toBe(true)
    expect(await t.service.getNotices()).toEqual([])
    // It works: a setting saved and a run recorded survive the next start, which is quiet.
    expect((await t.service.saveSettings({ concurrency: 4 })).ok).toBe(true)
    const started = await t.service.startSleep(SLEEP)
    if (!started.ok) throw new Error(started.error)
    await t.finished(started.value.runId)
    await t.service.dispose()
    const again = await t.reopen()
    expect(await again.getNotices()).toEqual([])
    expect((await again.getSettings()).concurrency).toBe(4)
    expect(await again.getHistory()).toHaveLength(1)
  })

  it('a folder where a file should be: told once, and the app still runs', async () => {
    counts.faults += 2
    const root = await newRoot()
    await mkdir(join(root, 'user-data', 'settings.json'), { recursive: true })
    await mkdir(join(root, 'user-data', 'history.json'), { recursive: true })
    const t = await openService({ root })
    expect(await t.service.getSettings()).toEqual(defaultSettings(t.outputDir, 2))
    const notices = await t.service.getNotices()
    expect(notices).toHaveLength(2)
    expect(notices.join('\n')).toMatch(/saved settings could not be read/)
    expect(notices.join('\n')).toMatch(/run history could not be read/)
    // Saving cannot work, and says why; a run still runs.
    const saved = await t.service.saveSettings({ concurrency: 4 })
    expect(saved).toMatchObject({ ok: false })
    expect((saved as { error: string }).error).toMatch(/^Could not save the settings/)
    const started = await t.service.startSleep(SLEEP)
    if (!started.ok) throw new Error(started.error)
    expect(await t.finished(started.value.runId)).toMatchObject({ ok: 2 })
  })
})
