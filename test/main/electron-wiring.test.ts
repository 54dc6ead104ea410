import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../src/common/channels.ts'
import type { AppApi } from '../../src/common/api.ts'
import { tempDir } from './helpers.ts'
import { disposeAll, openService } from './service-helpers.ts'

// Electron's binary cannot run here: these tests check the wiring against a recording stand-in.
const electron = vi.hoisted(() => ({
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  rendererListeners: new Map<string, (...args: unknown[]) => void>(),
  sent: [] as { id: number; channel: string; payload: unknown }[],
  contents: [] as { id: number; url: string; type: string }[],
  schemes: [] as unknown[],
  protocolHandler: undefined as undefined | ((request: Request) => Promise<Response>),
  isPackaged: false,
  opened: [] as string[]
}))

vi.mock('electron', () => ({
  app: {
    get isPackaged() {
      return electron.isPackaged
    }
  },
  shell: {
    openPath: async (path: string) => (electron.opened.push(path), ''),
    showItemInFolder: (path: string) => electron.opened.push(path)
  },
  ipcMain: {
    handle: (channel: string, fn: (...args: unknown[]) => unknown) =>
      electron.handlers.set(channel, fn),
    removeHandler: (channel: string) => electron.handlers.delete(channel)
  },
  webContents: {
    getAllWebContents: () =>
      electron.contents.map((c) => ({
        isDestroyed: () => false,
        getType: () => c.type,
        getURL: () => c.url,
        send: (channel: string, payload: unknown) =>
          electron.sent.push({ id: c.id, channel, payload })
      }))
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.schemes.push(...schemes),
    handle: (_scheme: string, fn: (request: Request) => Promise<Response>) => {
      electron.protocolHandler = fn
    }
  },
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value)
  },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      electron.invoked.push(args)
      return 'answer'
    },
    on: (channel: string, fn: (...args: unknown[]) => void) =>
      electron.rendererListeners.set(channel, fn),
    removeListener: (channel: string) => electron.rendererListeners.delete(channel)
  }
}))

const indexHtml = join('/opt', 'app', 'out', 'renderer', 'index.html')
const ourPage = pathToFileURL(indexHtml).href

beforeEach(() => {
  electron.handlers.clear()
  electron.sent.length = 0
  electron.contents.length = 0
})
afterEach(disposeAll)

describe('preload', () => {
  it('exposes named functions only, each over its own channel', async () => {
    await import('../../src/preload/index.ts')
    const api = electron.exposed.get('api') as AppApi & Record<string, unknown>
    expect([...electron.exposed.keys()]).toEqual(['api'])
    for (const value of Object.values(api)) expect(typeof value).toBe('function')
    expect(Object.keys(api).sort()).toEqual(
      [
        ...Object.keys(CHANNELS).filter((k) => k !== 'runEvents' && k !== 'menuCommand'),
        'onRunEvents',
        'onMenuCommand'
      ].sort()
    )

    await api.startDownload({
      strategy: 'pool',
      concurrency: 2,
      source: {
        kind: 'simulated',
        simulated: { count: 1, sizeKB: 1, latencyMs: 0, bandwidthKBps: 0 }
      }
    })
    await api.showInFolder('/tmp/a.jpg')
    await api.getSettings()
    expect(electron.invoked.map((args) => args[0])).toEqual([
      CHANNELS.startDownload,
      CHANNELS.showInFolder,
      CHANNELS.getSettings
    ])
    expect(electron.invoked[1]).toEqual([CHANNELS.showInFolder, '/tmp/a.jpg'])

    // Batches arrive without the IPC event object; unsubscribing removes the listener.
    const batches: unknown[] = []
    const unsubscribe = api.onRunEvents((batch) => batches.push(batch))
    electron.rendererListeners.get(CHANNELS.runEvents)!({ sender: 'ipc event' }, [
      { type: 'run-started' }
    ])
    expect(batches).toEqual([[{ type: 'run-started' }]])
    unsubscribe()
    expect(electron.rendererListeners.has(CHANNELS.runEvents)).toBe(false)

    // Only known menu commands reach the page.
    const commands: string[] = []
    ;(api.onMenuCommand as (l: (c: string) => void) => () => void)((c) => commands.push(c))
    const menu = electron.rendererListeners.get('menu:command')!
    menu({}, 'start-run')
    menu({}, 'format-disk')
    expect(commands).toEqual(['start-run'])
  })
})

describe('ipc', () => {
  it('answers our page, refuses any other sender, and pushes batches to our windows only', async () => {
    const { registerIpc } = await import('../../src/main/ipc.ts')
    const t = await openService()
    const undo = registerIpc(t.service, { indexHtml })
    // Every call; the two pushes (run events, menu commands) go the other way.
    expect(electron.handlers.size).toBe(Object.keys(CHANNELS).length - 2)

    const call = (url: string, channel: string, ...args: unknown[]) =>
      Promise.resolve().then(() =>
        electron.handlers.get(channel)!({ senderFrame: { url, parent: null } }, ...args)
      )
    expect(await call(ourPage, CHANNELS.getAppInfo)).toMatchObject({ cpuCount: 2 })
    await expect(call('https://evil.example/', CHANNELS.getSettings)).rejects.toThrow(
      /not the app's page/
    )
    await expect(
      Promise.resolve().then(() =>
        electron.handlers.get(CHANNELS.getSettings)!({ senderFrame: { url: ourPage, parent: {} } })
      )
    ).rejects.toThrow(/not the app's page/)
    await expect(
      Promise.resolve().then(() =>
        electron.handlers.get(CHANNELS.getSettings)!({ senderFrame: null })
      )
    ).rejects.toThrow()
    expect(await call(ourPage, CHANNELS.saveSettings, { concurrency: 'many' })).toMatchObject({
      ok: false
    })

    electron.contents.push(
      { id: 1, url: ourPage, type: 'window' },
      { id: 2, url: 'https://evil.example/', type: 'window' },
      { id: 3, url: ourPage, type: 'remote' }
    )
    const started = (await call(ourPage, CHANNELS.startSleep, {
      strategy: 'pool',
      concurrency: 1,
      seconds: [0.01],
      mode: 'timer',
      order: 'completed'
    })) as { ok: true; value: { runId: string } }
    await t.finished(started.value.runId)
    expect(electron.sent.length).toBeGreaterThan(0)
    expect(new Set(electron.sent.map((s) => s.id))).toEqual(new Set([1]))
    expect(new Set(electron.sent.map((s) => s.channel))).toEqual(new Set([CHANNELS.runEvents]))

    undo()
    expect(electron.handlers.size).toBe(0)
  })
})

describe('shell port', () => {
  it('records to the e2e file only in an unpackaged app; a packaged one opens for real', async () => {
    const dir = await tempDir()
    const log = join(dir, 'shell.jsonl')
    process.env.E2E_RECORD_SHELL = log
    try {
      for (const packaged of [false, true]) {
        electron.isPackaged = packaged
        electron.opened.length = 0
        vi.resetModules()
        const { electronShell } = await import('../../src/main/ports.ts')
        await electronShell.openPath(`/pictures/${packaged ? 'packaged' : 'unpackaged'}.jpg`)
        expect(electron.opened).toEqual(packaged ? ['/pictures/packaged.jpg'] : [])
      }
      const recorded = (await readFile(log, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
      expect(recorded).toEqual([{ call: 'openPath', path: '/pictures/unpackaged.jpg' }])
    } finally {
      delete process.env.E2E_RECORD_SHELL
      electron.isPackaged = false
    }
  })
})

describe('thumbnail protocol', () => {
  it('registers thumb: as standard and secure, and serves only the thumbnail folder', async () => {
    const { handleThumbnailScheme, registerThumbnailSchemePrivileges } =
      await import('../../src/main/protocol.ts')
    registerThumbnailSchemePrivileges()
    expect(electron.schemes).toEqual([
      { scheme: 'thumb', privileges: { standard: true, secure: true } }
    ])

    const root = await tempDir()
    const thumbs = join(root, 'thumbnails')
    await mkdir(join(thumbs, 'run'), { recursive: true })
    await writeFile(join(thumbs, 'run', '0.jpg'), 'jpeg')
    await writeFile(join(root, 'secret.jpg'), 'secret')
    handleThumbnailScheme(thumbs)
    const get = (url: string, method = 'GET') =>
      electron.protocolHandler!({ url, method } as Request)

    const ok = await get('thumb://t/run/0.jpg')
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-type')).toBe('image/jpeg')
    expect(await ok.text()).toBe('jpeg')
    expect((await get('thumb://t/run/0.jpg', 'HEAD')).status).toBe(200)
    // The URL parser folds `..` and `%2e%2e` before the handler sees them (404); an encoded slash reaches it (403).
    for (const url of [
      'thumb://t/%2e%2e/secret.jpg',
      'thumb://t/../secret.jpg',
      'thumb://t/run/..%2f..%2fsecret.jpg'
    ]) {
      expect([403, 404], url).toContain((await get(url)).status)
    }
    expect((await get('thumb://t/run/..%2f..%2fsecret.jpg')).status).toBe(403)
    expect((await get('thumb://elsewhere/run/0.jpg')).status).toBe(404)
    expect((await get('thumb://t/run/0.jpg', 'POST')).status).toBe(405)
  })
})
