/**
 * Fuzz (fast-check, seeded) of every IPC handler from createHandlers, with
 * random and hostile payloads: wrong types, huge strings, extra keys,
 * `__proto__` and `constructor` keys, wrong argument counts. Each call answers
 * `{ ok: false, error }` or a valid result, never throws, and changes nothing:
 * not the settings file, not the history, no run, no shell or dialog call.
 * test/main/handlers.test.ts checks 47 fixed bad payloads; this adds thousands.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import type { Settings } from '../../src/common/schemas.ts'
import {
  downloadRequestSchema,
  settingsPatchSchema,
  sleepRequestSchema
} from '../../src/common/schemas.ts'
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
const GOOD_SLEEP = {
  strategy: 'pool',
  concurrency: 2,
  seconds: [0.01],
  mode: 'timer',
  order: 'completed'
}
const GOOD_SETTINGS = { strategy: 'workers', concurrency: 3, imageSize: '1080' }

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

/** A good payload with one field replaced by anything, or one key added. */
function mutated(good: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(good)
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), anyValue).map(([key, value]) => ({ ...good, [key]: value })),
    fc.tuple(hostileKey, anyValue).map(([key, value]) => {
      const copy: Record<string, unknown> = { ...good }
      Object.defineProperty(copy, key, {
        value,
        enumerable: true,
        configurable: true,
        writable: true
      })
      return copy
    }),
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

function wouldBeAccepted(call: PayloadCall, args: unknown[]): boolean {
  if (args.length !== 1) return false
  const [arg] = args
  if (call === 'startDownload') return downloadRequestSchema.safeParse(arg).success
  if (call === 'startSleep') return sleepRequestSchema.safeParse(arg).success
  if (call === 'saveSettings') return settingsPatchSchema.safeParse(arg).success
  return false
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

  // The page may set the output folder to any absolute path with saveSettings; were openImage
  // to accept any file below it, two calls would open any file of the user's with its default
  // application (on Windows, openPath runs an .exe). It accepts only images a run saved.
  it('a page cannot open a file the app did not save, in a folder it chose', async () => {
    const { t, handlers } = await serviceWithState()
    const folder = join(t.root, 'Downloads')
    await mkdir(folder)
    await writeFile(join(folder, 'installer.exe'), 'MZ')
    counts.badInputs++
    expect((await handlers.saveSettings({ outputDir: folder })).ok).toBe(true)
    expect(await handlers.openImage(join(folder, 'installer.exe'))).toMatchObject({ ok: false })
    expect(t.shell.calls).toEqual([])
  })
})
