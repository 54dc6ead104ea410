import { readdir } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { CHANNELS } from '../../src/common/channels.ts'
import { createHandlers } from '../../src/main/service/handlers.ts'
import type { Handlers } from '../../src/main/service/handlers.ts'
import { disposeAll, openService } from './service-helpers.ts'

afterEach(disposeAll)

const huge = 'x'.repeat(200_000)
const goodDownload = {
  strategy: 'pool',
  concurrency: 2,
  source: { kind: 'simulated', simulated: { count: 2, sizeKB: 16, latencyMs: 0, bandwidthKBps: 0 } }
}
const goodSleep = {
  strategy: 'pool',
  concurrency: 2,
  seconds: [0.01],
  mode: 'timer',
  order: 'completed'
}

const badPayloads: Partial<Record<keyof Handlers, unknown[][]>> = {
  saveSettings: [
    [],
    [{ strategy: 'pool' }, 'extra argument'],
    [null],
    ['strategy=pool'],
    [{ strategy: 'threads' }],
    [{ concurrency: '8' }],
    [{ concurrency: 1e9 }],
    [{ concurrency: Number.NaN }],
    [{ outputDir: huge }],
    [{ outputDir: 'relative/path' }],
    [{ urls: Array.from({ length: 10_001 }, () => 'https://a.example/x.jpg') }],
    [{ urls: [huge] }],
    [{ simulated: { count: 1, sizeKB: 1, latencyMs: 0, bandwidthKBps: 0, extra: true } }],
    [{ isAdmin: true }],
    [JSON.parse('{"__proto__": {"polluted": true}, "strategy": "pool"}')]
  ],
  startDownload: [
    [],
    [undefined],
    [{}],
    [{ ...goodDownload, strategy: 'fast' }],
    [{ ...goodDownload, concurrency: 0 }],
    [{ ...goodDownload, concurrency: 257 }],
    [{ ...goodDownload, concurrency: 2.5 }],
    [{ ...goodDownload, extra: 1 }],
    [{ ...goodDownload, outputDir: huge }],
    [{ ...goodDownload, outputDir: '' }],
    [{ ...goodDownload, source: { kind: 'urls', urls: [] } }],
    [{ ...goodDownload, source: { kind: 'urls', urls: [huge] } }],
    [{ ...goodDownload, source: { kind: 'urls', urls: 'https://a.example/x.jpg' } }],
    [
      {
        ...goodDownload,
        source: { kind: 'urls', urls: ['https://a.example/x.jpg'], imageSize: 'huge' }
      }
    ],
    [{ ...goodDownload, source: { kind: 'ftp', urls: ['https://a.example/x.jpg'] } }],
    [
      {
        ...goodDownload,
        source: {
          kind: 'simulated',
          simulated: { count: 0, sizeKB: 1, latencyMs: 0, bandwidthKBps: 0 }
        }
      }
    ],
    [
      {
        ...goodDownload,
        source: {
          kind: 'simulated',
          simulated: { count: 1e9, sizeKB: 1, latencyMs: 0, bandwidthKBps: 0 }
        }
      }
    ]
  ],
  startSleep: [
    [],
    [{ ...goodSleep, seconds: [] }],
    [{ ...goodSleep, seconds: [61] }],
    [{ ...goodSleep, seconds: [-1] }],
    [{ ...goodSleep, seconds: Array.from({ length: 101 }, () => 0.01) }],
    [{ ...goodSleep, mode: 'nap' }],
    [{ ...goodSleep, order: 'random' }],
    [{ ...goodSleep, extra: 1 }]
  ],
  showInFolder: [
    [],
    [42],
    [''],
    [huge],
    [{ path: '/etc/passwd' }],
    ['/etc/passwd'],
    ['../../etc/passwd']
  ],
  openImage: [[], [null], [''], [huge], [['/etc/passwd']], ['/etc/passwd'], ['\0']]
}

describe('handlers', () => {
  it('handles every call the window has a channel for, each on a channel of its own', () => {
    const t = createHandlers({} as never)
    const { runEvents: _events, menuCommand: _menu, ...calls } = CHANNELS
    expect(Object.keys(t).sort()).toEqual(Object.keys(calls).sort())
    expect(new Set(Object.values(CHANNELS)).size).toBe(Object.keys(CHANNELS).length)
  })

  it('refuses every bad payload with an error, changing nothing', async () => {
    const t = await openService()
    const handlers = createHandlers(t.service)
    const settingsBefore = await t.service.getSettings()
    let refused = 0
    for (const [call, cases] of Object.entries(badPayloads)) {
      for (const args of cases) {
        const handler = handlers[call as keyof Handlers] as (...a: unknown[]) => Promise<unknown>
        const result = (await handler(...args)) as { ok: boolean; error?: string }
        const shown = `${call}(${JSON.stringify(args).slice(0, 80)})`
        expect(result.ok, shown).toBe(false)
        expect(typeof result.error, shown).toBe('string')
        // A refusal is short, even for a huge payload.
        expect(result.error!.length, shown).toBeLessThan(400)
        refused++
      }
    }
    expect(refused).toBeGreaterThan(45)
    expect(await t.service.getSettings()).toEqual(settingsBefore)
    expect(await t.service.getHistory()).toEqual([])
    expect(await t.service.cancelRun()).toBe(false)
    expect(t.events()).toEqual([])
    expect(t.shell.calls).toEqual([])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    // Nothing written: no settings file, no output folder.
    expect(await readdir(t.root)).not.toContain('Pictures')
  })

  it('passes a good payload through', async () => {
    const t = await openService()
    const handlers = createHandlers(t.service)
    expect(await handlers.saveSettings({ concurrency: 9 })).toMatchObject({
      ok: true,
      value: { concurrency: 9 }
    })
    const started = await handlers.startSleep(goodSleep)
    expect(started.ok).toBe(true)
    if (started.ok) await t.finished(started.value.runId)
    const download = await handlers.startDownload(goodDownload)
    expect(download.ok).toBe(true)
    if (download.ok) expect(await t.finished(download.value.runId)).toMatchObject({ ok: 2 })
    expect(await handlers.getAppInfo()).toMatchObject({ cpuCount: 2 })
    expect(await handlers.getNotices()).toEqual([])
  })
})
