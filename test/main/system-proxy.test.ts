/**
 * The app's system proxy: main asks Electron's session.resolveProxy (a stand-in
 * port here, recording what it was asked) and the Electron-free service turns the
 * answers into data every worker thread builds its dispatcher from. The service
 * test downloads through a real counting proxy on loopback.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_STALL_SETTING } from '../../src/common/defaults.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { proxyFromPac, systemProxySetting } from '../../src/main/service/system-proxy.ts'
import type { ProxyPort } from '../../src/main/service/system-proxy.ts'
import { startCountingProxy } from '../helpers/counting-proxy.ts'
import type { CountingProxy } from '../helpers/counting-proxy.ts'
import { disposeAll, openService } from './service-helpers.ts'

/** Answers as Chromium would, per origin, and records each URL asked. */
function recordingPort(answers: Record<string, string>): ProxyPort & { asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    resolve: async (url) => {
      asked.push(url)
      const answer = answers[new URL(url).origin]
      if (answer === undefined) throw new Error('no answer scripted')
      return answer
    }
  }
}

describe('PAC answers', () => {
  it('takes the first PROXY or HTTPS entry, DIRECT, and passes over SOCKS', () => {
    expect(proxyFromPac('DIRECT')).toBeNull()
    expect(proxyFromPac('PROXY proxy.corp:8080; DIRECT')).toBe('http://proxy.corp:8080')
    expect(proxyFromPac('HTTPS secure.corp:443')).toBe('https://secure.corp:443')
    expect(proxyFromPac('SOCKS5 socks.corp:1080; PROXY p:3128')).toBe('http://p:3128')
    expect(proxyFromPac('SOCKS5 socks.corp:1080')).toBeNull()
    expect(proxyFromPac('')).toBeNull()
    expect(proxyFromPac('PROXY')).toBeNull()
    expect(proxyFromPac('PROXY user@evil/x:1')).toBeNull()
  })
})

describe('a run’s proxy setting', () => {
  it('asks once per origin, proxies through the first proxy and bypasses the direct origins', async () => {
    const port = recordingPort({
      'https://images.example': 'PROXY proxy.corp:8080; DIRECT',
      'http://intranet.corp:8000': 'DIRECT'
    })
    const setting = await systemProxySetting(
      [
        'https://images.example/a.jpg',
        'https://images.example/b.jpg',
        'http://intranet.corp:8000/c.jpg'
      ],
      port
    )
    expect(port.asked).toEqual(['https://images.example/a.jpg', 'http://intranet.corp:8000/c.jpg'])
    expect(setting).toEqual({
      mode: 'fixed',
      httpProxy: 'http://proxy.corp:8080',
      httpsProxy: 'http://proxy.corp:8080',
      noProxy: 'intranet.corp:8000'
    })
  })

  it('goes direct when every origin is DIRECT, a lookup fails, or there is no port', async () => {
    const direct = recordingPort({ 'https://a.example': 'DIRECT' })
    expect(await systemProxySetting(['https://a.example/x'], direct)).toEqual({ mode: 'direct' })
    const failing = recordingPort({})
    const logged: string[] = []
    expect(
      await systemProxySetting(['https://b.example/x'], failing, (m) => logged.push(m))
    ).toEqual({ mode: 'direct' })
    expect(logged.join()).toMatch(/proxy lookup for https:\/\/b\.example failed/)
    expect(await systemProxySetting(['https://a.example/x'], undefined)).toEqual({ mode: 'direct' })
  })
})

describe('the service downloads through the system proxy', () => {
  let cdn: SimulatedCdn
  let proxy: CountingProxy
  beforeAll(async () => {
    cdn = await startSimulatedCdn({ count: 3, sizeKB: 32, latencyMs: 2, bandwidthKBps: 0 })
    proxy = await startCountingProxy()
  })
  afterAll(async () => {
    await cdn.close()
    await proxy.close()
  })
  afterEach(disposeAll)

  it.each(['pool', 'workers'] as const)(
    '%s: every image of the run goes through the proxy the port names',
    async (strategy) => {
      proxy.forwarded.length = 0
      const port = recordingPort({ [cdn.origin]: `PROXY ${new URL(proxy.url).host}` })
      const t = await openService({ proxy: port })
      const started = await t.service.startDownload({
        strategy,
        concurrency: 3,
        source: { kind: 'urls', urls: cdn.urls, imageSize: 'original' }
      })
      if (!started.ok) throw new Error(started.error)
      const finished = await t.finished(started.value.runId)
      expect(finished).toMatchObject({ ok: 3, failed: 0 })
      expect(port.asked).toEqual([cdn.urls[0]])
      expect([...proxy.forwarded].sort()).toEqual([...cdn.urls].sort())
    }
  )

  it('the stall setting reaches the run: a setting of 0 KiB/s turns the guard off', async () => {
    const t = await openService()
    expect((await t.service.getSettings()).stall).toEqual(DEFAULT_STALL_SETTING)
    const saved = await t.service.saveSettings({ stall: { minSpeedKBps: 0, seconds: 5 } })
    expect(saved.ok).toBe(true)
    expect((await t.service.getSettings()).stall).toEqual({ minSpeedKBps: 0, seconds: 5 })
    const refused = await t.service.saveSettings({ stall: { minSpeedKBps: -1, seconds: 5 } })
    expect(refused.ok).toBe(false)
  })
})
