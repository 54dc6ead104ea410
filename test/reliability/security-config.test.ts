/**
 * The Electron hardening SECURITY.md describes is really in place: the window's
 * web preferences, the lock-down of every web contents, the page's CSP and the
 * fuses of packaged builds. Electron's binary cannot run here, so the wiring
 * runs against a recording stand-in (as test/main/electron-wiring.test.ts does).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { removeDir, tally, tempRoot } from './helpers.ts'

const counts = tally('security-config')
const ROOT = new URL('../../', import.meta.url)

type Listener = (...args: unknown[]) => unknown
const electron = vi.hoisted(() => ({
  windows: [] as { options: Record<string, unknown>; loaded: [string, string][] }[],
  appListeners: new Map<string, (...args: unknown[]) => unknown>(),
  permissionRequest: undefined as undefined | ((...args: unknown[]) => unknown),
  permissionCheck: undefined as undefined | ((...args: unknown[]) => unknown)
}))

vi.mock('electron', () => {
  class BrowserWindow {
    private readonly record: { options: Record<string, unknown>; loaded: [string, string][] }
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [] }
      electron.windows.push(this.record)
    }
    maximize(): void {}
    once(): void {}
    on(): void {}
    async loadURL(url: string): Promise<void> {
      this.record.loaded.push(['loadURL', url])
    }
    async loadFile(file: string): Promise<void> {
      this.record.loaded.push(['loadFile', file])
    }
  }
  return {
    BrowserWindow,
    Notification: { isSupported: () => false },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    app: {
      on: (event: string, listener: (...args: unknown[]) => unknown) =>
        electron.appListeners.set(event, listener)
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: (...args: unknown[]) => unknown) =>
          (electron.permissionRequest = fn),
        setPermissionCheckHandler: (fn: (...args: unknown[]) => unknown) =>
          (electron.permissionCheck = fn)
      }
    }
  }
})

const indexHtml = join('/opt', 'app', 'out', 'renderer', 'index.html')
const ourPage = pathToFileURL(indexHtml).href
let userDataDir: string

beforeAll(async () => {
  userDataDir = await tempRoot('cid-security-')
})
afterAll(() => removeDir(userDataDir))

describe('the window', () => {
  it('is isolated, sandboxed, without Node, and loads only its own file in production', async () => {
    const { createMainWindow } = await import('../../src/main/window.ts')
    await createMainWindow({
      preload: '/opt/app/out/preload/index.cjs',
      location: { indexHtml },
      userDataDir
    })
    const [window] = electron.windows
    const prefs = window?.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick'
    })
    for (const risky of [
      'experimentalFeatures',
      'enableBlinkFeatures',
      'nodeIntegrationInSubFrames',
      'plugins',
      'enableWebSQL'
    ]) {
      expect(prefs[risky], risky).toBeFalsy()
    }
    expect(window?.loaded).toEqual([['loadFile', indexHtml]])
    counts.badInputs += 5
  })
})

describe('every web contents', () => {
  it('opens no window, navigates nowhere else, attaches no webview, and gets no permission', async () => {
    const { lockDownWebContents } = await import('../../src/main/security.ts')
    lockDownWebContents({ indexHtml })
    const created = electron.appListeners.get('web-contents-created')
    expect(created).toBeTypeOf('function')
    const listeners = new Map<string, Listener>()
    let openHandler: Listener | undefined
    created?.(
      {},
      {
        setWindowOpenHandler: (fn: Listener) => (openHandler = fn),
        on: (event: string, fn: Listener) => listeners.set(event, fn)
      }
    )
    for (const url of ['https://evil.example/', 'file:///etc/passwd', ourPage]) {
      expect(openHandler?.({ url })).toEqual({ action: 'deny' })
    }
    const hostile = [
      'https://evil.example/',
      'http://127.0.0.1:1234/',
      'file:///etc/passwd',
      `${ourPage}/../../../../etc/passwd`,
      pathToFileURL('/opt/app/out/renderer/other.html').href,
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'thumb://t/run/0.jpg',
      'chrome://settings',
      'devtools://devtools/bundled/inspector.html'
    ]
    for (const event of ['will-navigate', 'will-redirect']) {
      const listener = listeners.get(event)
      for (const url of hostile) {
        counts.badInputs++
        let prevented = false
        listener?.({ preventDefault: () => (prevented = true) }, url)
        expect(prevented, `${event} ${url}`).toBe(true)
      }
      let prevented = false
      listener?.({ preventDefault: () => (prevented = true) }, `${ourPage}#/history`)
      expect(prevented, `${event} to our own page`).toBe(false)
    }
    let attached = true
    listeners.get('will-attach-webview')?.({ preventDefault: () => (attached = false) }, {}, {})
    expect(attached).toBe(false)

    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal'
    ]) {
      counts.badInputs++
      let granted: boolean | undefined
      electron.permissionRequest?.({}, permission, (answer: boolean) => (granted = answer), {})
      expect(granted, permission).toBe(false)
      expect(electron.permissionCheck?.({}, permission, ourPage, {})).toBe(false)
    }
  })
})

describe('the page', () => {
  it('has a strict Content-Security-Policy', async () => {
    const html = await readFile(new URL('src/renderer/index.html', ROOT), 'utf8')
    const content = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
    const policy = new Map(
      content
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .filter((words) => words[0])
        .map(([name, ...sources]) => [name ?? '', sources])
    )
    expect(policy.get('default-src')).toEqual(["'self'"])
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('object-src')).toEqual(["'none'"])
    expect(policy.get('base-uri')).toEqual(["'none'"])
    expect(policy.get('form-action')).toEqual(["'none'"])
    expect(policy.get('connect-src')).toEqual(["'self'"])
    // Unsplash's thumbnails are hotlinked, as its guidelines ask: that host and no other.
    expect(policy.get('img-src')).toEqual([
      "'self'",
      'data:',
      'thumb:',
      'https://images.unsplash.com'
    ])
    for (const [name, sources] of policy) {
      expect(sources, name).not.toContain('*')
      expect(sources, name).not.toContain("'unsafe-eval'")
      if (name !== 'style-src') expect(sources, name).not.toContain("'unsafe-inline'")
    }
  })
})

describe('packaged builds', () => {
  it('set the fuses electron-builder offers that fit this app', async () => {
    const yml = await readFile(new URL('electron-builder.yml', ROOT), 'utf8')
    const block = /^electronFuses:\n((?: {2}\w+: \w+\n)+)/m.exec(yml)?.[1] ?? ''
    const fuses = Object.fromEntries(
      [...block.matchAll(/^ {2}(\w+): (\w+)$/gm)].map(([, name, value]) => [name, value === 'true'])
    )
    expect(fuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false
    })
  })

  it('sign for macOS with the hardened runtime and no entitlement but allow-jit', async () => {
    const yml = await readFile(new URL('electron-builder.yml', ROOT), 'utf8')
    const mac = /^mac:\n((?: {2}.*\n|\s*\n)+)/m.exec(yml)?.[1] ?? ''
    const setting = (key: string): string | undefined =>
      new RegExp(`^ {2}${key}: (.+)$`, 'm').exec(mac)?.[1]
    expect(setting('hardenedRuntime')).toBe('true')
    expect(setting('entitlements')).toBe('resources/entitlements.mac.plist')
    expect(setting('entitlementsInherit')).toBe('resources/entitlements.mac.plist')
    const plist = await readFile(new URL('resources/entitlements.mac.plist', ROOT), 'utf8')
    const body = plist.replace(/<!--[\s\S]*?-->/g, '')
    const granted = [...body.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map(
      ([, key, value]) => [key, value]
    )
    // V8's JIT needs it; nothing else is granted (no unsigned memory, no library validation off).
    expect(granted).toEqual([['com.apple.security.cs.allow-jit', 'true']])
    expect(body.match(/<key>/g)).toHaveLength(1)
  })
})

describe('install scripts', () => {
  it('run only for the packages allowed, each pinned to the version reviewed; none stale', async () => {
    const pkg = JSON.parse(await readFile(new URL('package.json', ROOT), 'utf8')) as {
      allowScripts: Record<string, boolean>
    }
    const lock = JSON.parse(await readFile(new URL('package-lock.json', ROOT), 'utf8')) as {
      packages: Record<string, { version?: string; hasInstallScript?: boolean }>
    }
    // The packages with an install script, by name, with the version the lockfile installs.
    const withScripts = new Map<string, string>()
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (!entry.hasInstallScript) continue
      withScripts.set(
        path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length),
        entry.version!
      )
    }
    for (const [key, allowed] of Object.entries(pkg.allowScripts)) {
      const at = key.lastIndexOf('@')
      const name = at > 0 ? key.slice(0, at) : key
      // An entry for a package without an install script is stale.
      expect(withScripts.has(name), `${key}: stale, ${name} has no install script`).toBe(true)
      if (allowed) {
        // An allowed one names the exact version whose script was reviewed.
        expect(key, `${key} is not pinned`).toMatch(/^(@[^/]+\/)?[^@]+@\d+\.\d+\.\d+$/)
        expect(key.slice(at + 1), key).toBe(withScripts.get(name))
      } else {
        // A denial names the package: no version of it runs its script.
        expect(key, key).toBe(name)
      }
    }
    // And every install script is either allowed or denied.
    const covered = new Set(
      Object.keys(pkg.allowScripts).map((key) =>
        key.lastIndexOf('@') > 0 ? key.slice(0, key.lastIndexOf('@')) : key
      )
    )
    expect([...withScripts.keys()].filter((name) => !covered.has(name))).toEqual([])
  })
})
