/**
 * Fuzz (fast-check, seeded) of every IPC handler from createHandlers, with
 * random and hostile payloads: wrong types, huge strings, extra keys (at every
 * level), `__proto__` and `constructor` keys, wrong argument counts. Each call
 * answers `{ ok: false, error }` or a valid result, never throws, and changes
 * nothing: not the settings file, not the history, no run, no shell or dialog
 * call. test/main/handlers.test.ts checks 47 fixed bad payloads; this adds
 * thousands.
 *
 * What must be refused is decided by an oracle written out here (ACCEPTS),
 * not by the production schemas: a test that asks the schemas cannot disagree
 * with them, and passed with `.strict()` removed from one (issue 11).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import type { Settings } from '../../src/common/schemas.ts'
import { createHandlers } from '../../src/main/service/handlers.ts'
import type { Handlers } from '../../src/main/service/handlers.ts'
import { disposeAll, openService } from '../main/service-helpers.ts'
import type { ServiceUnderTest } from '../main/service-helpers.ts'
import { listTree, tally } from './helpers.ts'

const counts = tally('fuzz-ipc-handlers')
afterAll(disposeAll)

const GOOD_DOWNLOAD = {
  strategy: 'pool',
  concurrency: 2,
  source: { kind: 'simulated', simulated: { count: 2, sizeKB: 16, latencyMs: 0, bandwidthKBps: 0 } }
}
const GOOD_URL_DOWNLOAD = {
  strategy: 'pool',
  concurrency: 2,
  source: { kind: 'urls', urls: ['https://a.example/x.jpg'], imageSize: '1080' }
}
const GOOD_SLEEP = {
  strategy: 'pool',
  concurrency: 2,
  seconds: [0.01],
  mode: 'timer',
  order: 'completed'
}
const GOOD_SETTINGS = {
  strategy: 'workers',
  concurrency: 3,
  imageSize: '1080',
  simulated: { count: 2, sizeKB: 16, latencyMs: 0, bandwidthKBps: 0 }
}

/**
 * The oracle: what each call accepts, written out from the API's contract
 * (docs of src/common/api.ts), independently of src/common/schemas.ts. Objects
 * are read as zod reads them: any non-array object, its keys as `for…in` lists
 * them; a key present with the value `undefined` counts as absent where the
 * key is optional.
 */
type Check = (value: unknown) => boolean
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const oneOf =
  (...allowed: unknown[]): Check =>
  (value) =>
    allowed.includes(value)
const int =
  (min: number, max: number): Check =>
  (value) =>
    Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max
const num =
  (min: number, max: number): Check =>
  (value) =>
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max
const str =
  (max: number): Check =>
  (value) =>
    typeof value === 'string' && value.length <= max
const list =
  (item: Check, min: number, max: number): Check =>
  (value) => {
    if (!Array.isArray(value) || value.length < min || value.length > max) return false
    // A loop, not every(): a hole in a sparse array is an undefined item.
    for (let i = 0; i < value.length; i++) if (!item(value[i])) return false
    return true
  }
/** An object with exactly these keys: `required` present, `optional` absent or undefined or valid. */
const exact =
  (required: Record<string, Check>, optional: Record<string, Check> = {}): Check =>
  (value) => {
    if (!isObject(value)) return false
    for (const key in value) if (!(key in required) && !(key in optional)) return false
    for (const [key, check] of Object.entries(required)) if (!check(value[key])) return false
    for (const [key, check] of Object.entries(optional)) {
      if (value[key] !== undefined && !check(value[key])) return false
    }
    return true
  }

const STRATEGY = oneOf('sequential', 'workers', 'pool')
const CONCURRENCY = int(1, 256)
const IMAGE_SIZE = oneOf('original', '2400', '1080')
const SIMULATED = exact({
  count: int(1, 10_000),
  sizeKB: int(1, 1024 * 1024),
  latencyMs: int(0, 60_000),
  bandwidthKBps: int(0, 10_000_000)
})
const URLS = (min: number): Check => list(str(8192), min, 10_000)
const SOURCE: Check = (value) =>
  isObject(value) &&
  (value.kind === 'urls'
    ? exact({ kind: oneOf('urls'), urls: URLS(1) }, { imageSize: IMAGE_SIZE })(value)
    : exact({ kind: oneOf('simulated'), simulated: SIMULATED })(value))

const ACCEPTS: Record<'startDownload' | 'startSleep' | 'saveSettings', Check> = {
  // No outputDir: the main process owns the folder.
  startDownload: exact({ strategy: STRATEGY, concurrency: CONCURRENCY, source: SOURCE }),
  startSleep: exact({
    strategy: STRATEGY,
    concurrency: CONCURRENCY,
    seconds: list(num(0, 60), 1, 100),
    mode: oneOf('timer', 'block', 'spin'),
    order: oneOf('completed', 'submitted')
  }),
  // Every key optional, outputDir not among them.
  saveSettings: exact(
    {},
    {
      strategy: STRATEGY,
      concurrency: CONCURRENCY,
      sourceKind: oneOf('urls', 'simulated'),
      urls: URLS(0),
      imageSize: IMAGE_SIZE,
      simulated: SIMULATED,
      existing: oneOf('keep', 'skip', 'replace')
    }
  )
}

const hostileKey = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'valueOf',
      'then',
      'hasOwnProperty',
      'kind',
      'source',
      'outputDir',
      'urls'
    )
  }
)

/** Payloads from JSON, as a page could build them, with prototype keys of their own. */
const FROM_JSON = [
  '{"__proto__": {"polluted": true}}',
  '{"__proto__": {"polluted": true}, "strategy": "pool"}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  '{"strategy": "pool", "concurrency": 2, "__proto__": {"source": {"kind": "simulated"}}}',
  '{"kind": "urls", "urls": ["https://a.example/x.jpg"], "__proto__": {"imageSize": "original"}}',
  '[{"__proto__": {"polluted": true}}]'
].map((text) => JSON.parse(text) as unknown)

function nested(depth: number): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value }
  return value
}

const HUGE = [
  'x'.repeat(1_000_000),
  `/${'a/'.repeat(100_000)}`,
  Array.from({ length: 100_000 }, () => 'https://a.example/x.jpg'),
  Array.from({ length: 10_001 }, (_, i) => `https://a.example/${i}.jpg`),
  nested(5000),
  { ...GOOD_DOWNLOAD, source: { kind: 'urls', urls: ['x'.repeat(9000)] } },
  { strategy: 'pool'.repeat(100_000) }
]

const anyValue = fc.anything({
  key: hostileKey,
  maxDepth: 4,
  maxKeys: 6,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withObjectString: true,
  withBoxedValues: true,
  stringUnit: 'binary'
})

/** `good` with `key` set to `value` at `path` (an own, enumerable key, even `__proto__`). */
function withKey(good: Record<string, unknown>, path: string[], key: string, value: unknown) {
  const copy: Record<string, unknown> = { ...good }
  if (path.length > 0) {
    const [head, ...rest] = path as [string, ...string[]]
    copy[head] = withKey(good[head] as Record<string, unknown>, rest, key, value)
    return copy
  }
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true })
  return copy
}

/** The paths of the objects nested in `good`, itself first. */
function objectPaths(good: Record<string, unknown>, path: string[] = []): string[][] {
  return [
    path,
    ...Object.entries(good).flatMap(([key, value]) =>
      isObject(value) ? objectPaths(value, [...path, key]) : []
    )
  ]
}

/** A good payload with one field replaced by anything, one key added at any level, or one dropped. */
function mutated(good: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(good)
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...objectPaths(good)), hostileKey, anyValue)
      .map(([path, key, value]) => withKey(good, path, key, value)),
    fc.tuple(fc.constantFrom(...keys), anyValue).map(([key, value]) => ({ ...good, [key]: value })),
    fc.constantFrom(...keys).map((key) => {
      const { [key]: _dropped, ...rest } = good
      return rest
    })
  )
}

const payload = fc.oneof(
  { weight: 4, arbitrary: anyValue },
  { weight: 1, arbitrary: fc.constantFrom(...FROM_JSON) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
  { weight: 2, arbitrary: mutated(GOOD_DOWNLOAD) },
  { weight: 1, arbitrary: mutated(GOOD_URL_DOWNLOAD) },
  { weight: 2, arbitrary: mutated(GOOD_SLEEP) },
  { weight: 1, arbitrary: mutated(GOOD_SETTINGS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '/etc/passwd',
      '../../etc/passwd',
      '\0',
      'C:\\Windows\\System32\\cmd.exe',
      'file:///etc/passwd',
      '\\\\server\\share\\x.jpg'
    )
  }
)
/** Zero to four arguments: the calls take one. */
const argsOf = fc.oneof(
  { weight: 4, arbitrary: payload.map((p) => [p]) },
  { weight: 1, arbitrary: fc.array(payload, { maxLength: 4 }) }
)

type PayloadCall = 'saveSettings' | 'startDownload' | 'startSleep' | 'showInFolder' | 'openImage'
const PAYLOAD_CALLS: PayloadCall[] = [
  'saveSettings',
  'startDownload',
  'startSleep',
  'showInFolder',
  'openImage'
]
const READERS = ['getAppInfo', 'getSettings', 'getHistory', 'getNotices', 'cancelRun'] as const

interface Snapshot {
  tree: string[]
  settingsFile: string
  historyFile: string
  settings: Settings
  prototypeKeys: string[]
}

async function snapshot(t: ServiceUnderTest): Promise<Snapshot> {
  return {
    tree: await listTree(t.root),
    settingsFile: await readFile(join(t.userDataDir, 'settings.json'), 'utf8'),
    historyFile: await readFile(join(t.userDataDir, 'history.json'), 'utf8'),
    settings: await t.service.getSettings(),
    prototypeKeys: Object.getOwnPropertyNames(Object.prototype).sort()
  }
}

/** A service with saved settings and one finished run, so that a change would show. */
async function serviceWithState(): Promise<{ t: ServiceUnderTest; handlers: Handlers }> {
  const t = await openService()
  const handlers = createHandlers(t.service)
  expect((await handlers.saveSettings({ concurrency: 7 })).ok).toBe(true)
  const started = await handlers.startSleep(GOOD_SLEEP)
  if (!started.ok) throw new Error(started.error)
  await t.finished(started.value.runId)
  await t.service.dispose()
  const again = await t.reopen()
  // From here on, the events of the reopened service only.
  t.batches.splice(0)
  again.onRunEvents((events) => t.batches.push({ at: performance.now(), events }))
  return { t: { ...t, service: again }, handlers: createHandlers(again) }
}

/** The oracle's answer; a file path is never accepted (the service saved no file). */
function wouldBeAccepted(call: PayloadCall, args: unknown[]): boolean {
  if (args.length !== 1) return false
  if (call === 'showInFolder' || call === 'openImage') return false
  return ACCEPTS[call](args[0])
}

describe('IPC handlers, fuzzed', () => {
  it('refuse every random or hostile payload with a short error, never throw, change nothing', async () => {
    const { t, handlers } = await serviceWithState()
    const before = await snapshot(t)
    const refusedBy = new Map<string, number>()
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PAYLOAD_CALLS), argsOf, async (call, args) => {
        // A payload that happens to be valid would start a run or save a setting on purpose.
        fc.pre(!wouldBeAccepted(call, args))
        counts.fuzzCases++
        const handler = handlers[call] as (...a: unknown[]) => Promise<unknown>
        let result: unknown
        try {
          result = await handler(...args)
        } catch (error) {
          throw new Error(`${call} threw: ${String(error)}`)
        }
        expect(result).toMatchObject({ ok: false })
        const { error } = result as { error: unknown }
        expect(typeof error).toBe('string')
        expect((error as string).length).toBeGreaterThan(0)
        // Short, however huge the payload.
        expect((error as string).length).toBeLessThan(600)
        refusedBy.set(call, (refusedBy.get(call) ?? 0) + 1)
      }),
      { seed: 42, numRuns: 2000 }
    )
    expect(await snapshot(t)).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(await t.service.cancelRun()).toBe(false)
    expect(t.events()).toEqual([])
    expect(t.shell.calls).toEqual([])
    expect(t.dialog.asked).toEqual([])
    for (const call of PAYLOAD_CALLS) expect(refusedBy.get(call), call).toBeGreaterThan(100)
    console.log(
      `[reliability] fuzz-ipc-handlers: refused ${[...refusedBy].map(([c, n]) => `${c} ${n}`).join(', ')}`
    )
  }, 120_000)

  it('calls that take no argument ignore whatever is sent and answer as usual', async () => {
    const { t, handlers } = await serviceWithState()
    const before = await snapshot(t)
    const expected = new Map<string, unknown>()
    for (const call of READERS) expected.set(call, await handlers[call]())
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...READERS),
        fc.array(payload, { maxLength: 3 }),
        async (call, args) => {
          counts.fuzzCases++
          const handler = handlers[call] as (...a: unknown[]) => Promise<unknown>
          expect(await handler(...args)).toEqual(expected.get(call))
        }
      ),
      { seed: 42, numRuns: 500 }
    )
    expect(await snapshot(t)).toEqual(before)
  }, 60_000)

  it('what a page sends never reaches the shell or the folder dialog', async () => {
    const { t, handlers } = await serviceWithState()
    const folder = (await t.service.getSettings()).outputDir
    const actors = ['chooseFolder', 'openFolder'] as const
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...actors),
        fc.array(payload, { maxLength: 3 }),
        async (call, args) => {
          counts.fuzzCases++
          const handler = handlers[call] as (...a: unknown[]) => Promise<unknown>
          await handler(...args)
        }
      ),
      { seed: 42, numRuns: 200 }
    )
    // The scripted dialog answers one folder; the shell was only ever given a saved folder.
    const chosen = join(t.root, 'chosen')
    for (const asked of t.dialog.asked) expect([folder, chosen]).toContain(asked)
    for (const call of t.shell.calls) {
      expect(call.method).toBe('openPath')
      expect([folder, chosen]).toContain(call.path)
    }
  }, 60_000)
})

describe('valid payloads with hostile contents', () => {
  it('are saved as data, never acted on', async () => {
    const { t, handlers } = await serviceWithState()
    const urls = ['javascript:alert(1)', 'file:///etc/passwd', '<img src=x onerror=alert(1)>', '\0']
    counts.badInputs += urls.length
    const saved = await handlers.saveSettings({ urls })
    expect(saved).toMatchObject({ ok: true, value: { urls } })
    // A run of that list is refused line by line before anything starts.
    const started = await handlers.startDownload({
      ...GOOD_DOWNLOAD,
      source: { kind: 'urls', urls }
    })
    expect(started).toMatchObject({ ok: false })
    expect((started as { error: string }).error).toMatch(/^URL 1 cannot be downloaded: javascript:/)
    expect(t.events()).toEqual([])
    expect(t.shell.calls).toEqual([])
  })

  // The page could once set the output folder to any path with saveSettings (issue 19): were
  // openImage to accept any file below it, two calls would open any file of the user's with its
  // default application (on Windows, openPath runs an .exe). The folder is main's now, and
  // openImage accepts only images a run saved.
  it('a page can neither choose a folder nor open a file the app did not save in it', async () => {
    const { t, handlers } = await serviceWithState()
    const folder = join(t.root, 'Downloads')
    await mkdir(folder)
    await writeFile(join(folder, 'installer.exe'), 'MZ')
    await mkdir(t.outputDir, { recursive: true })
    await writeFile(join(t.outputDir, 'installer.exe'), 'MZ')
    counts.badInputs += 3
    expect(await handlers.saveSettings({ outputDir: folder })).toMatchObject({ ok: false })
    expect((await t.service.getSettings()).outputDir).toBe(t.outputDir)
    expect(await handlers.openImage(join(folder, 'installer.exe'))).toMatchObject({ ok: false })
    expect(await handlers.openImage(join(t.outputDir, 'installer.exe'))).toMatchObject({
      ok: false
    })
    expect(t.shell.calls).toEqual([])
  })
})
