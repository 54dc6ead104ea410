/**
 * Proxies: downloads go through a real HTTP proxy on loopback (a node:http
 * server that forwards absolute-form requests and tunnels CONNECT), which counts
 * what it carried. The CLI takes HTTP_PROXY and NO_PROXY from its environment
 * (undici's EnvHttpProxyAgent); the engine takes a fixed proxy as data, as the
 * app passes its system proxy, on every strategy (each worker thread builds its
 * own dispatcher from that data).
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { STRATEGIES } from '../../src/common/defaults.ts'
import { runDownloads } from '../../src/engine/run.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { startCountingProxy } from '../helpers/counting-proxy.ts'
import type { CountingProxy } from '../helpers/counting-proxy.ts'
import { lostFiles, removeDir, tally, tempRoot } from './helpers.ts'

const counts = tally('proxy')
const repo = join(import.meta.dirname, '..', '..')

let cdn: SimulatedCdn
let proxy: CountingProxy
let root: string
beforeAll(async () => {
  cdn = await startSimulatedCdn({ count: 3, sizeKB: 32, latencyMs: 2, bandwidthKBps: 0 })
  proxy = await startCountingProxy()
  root = await tempRoot('cid-proxy-')
})
afterAll(async () => {
  await cdn.close()
  await proxy.close()
  await removeDir(root)
})
beforeEach(() => {
  proxy.forwarded.length = 0
  proxy.tunnels.length = 0
})

const fixed = (noProxy: string) =>
  ({ mode: 'fixed', httpProxy: proxy.url, httpsProxy: proxy.url, noProxy }) as const

describe('engine with a fixed proxy (the app passes its system proxy so)', () => {
  it.each(STRATEGIES)('%s: every image goes through the proxy, byte for byte', async (strategy) => {
    const summary = await runDownloads({
      strategy,
      concurrency: 3,
      urls: cdn.urls,
      dir: join(root, `fixed-${strategy}`),
      limits: { proxy: fixed('') }
    })
    counts.runs++
    expect(summary.ok).toBe(3)
    expect([...proxy.forwarded].sort()).toEqual([...cdn.urls].sort())
    expect(await lostFiles(summary.tasks, (t) => cdn.photoBytes(t.taskId), counts)).toEqual([])
  })

  it('a host in the bypass list goes direct', async () => {
    const summary = await runDownloads({
      strategy: 'pool',
      concurrency: 3,
      urls: cdn.urls,
      dir: join(root, 'bypass'),
      limits: { proxy: fixed('127.0.0.1') }
    })
    expect(summary.ok).toBe(3)
    expect(proxy.forwarded).toEqual([])
  })

  it('a dead proxy fails each image with a code, and the run goes on to its end', async () => {
    const summary = await runDownloads({
      strategy: 'pool',
      concurrency: 3,
      urls: cdn.urls.slice(0, 2),
      dir: join(root, 'dead'),
      limits: {
        maxRetries: 0,
        proxy: { mode: 'fixed', httpProxy: 'http://127.0.0.1:9', httpsProxy: '', noProxy: '' }
      }
    })
    counts.faults++
    expect(summary.failed).toBe(2)
    for (const task of summary.tasks) {
      expect(task.error?.code).toBe('proxy_failed')
      expect(task.error?.message).toMatch(/proxy/)
    }
  })
})

/** Runs the CLI as a user does, with this environment. */
function cli(args: string[], env: Record<string, string>) {
  const clean = { ...process.env }
  for (const name of [
    'http_proxy',
    'HTTP_PROXY',
    'https_proxy',
    'HTTPS_PROXY',
    'no_proxy',
    'NO_PROXY'
  ]) {
    delete clean[name]
  }
  const child = spawn(process.execPath, [join(repo, 'src/cli/index.ts'), ...args], {
    cwd: repo,
    env: { ...clean, ...env }
  })
  let stdout = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  return new Promise<{ code: number | null; stdout: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout }))
  )
}

describe('CLI and the proxy environment', () => {
  it('HTTP_PROXY carries every request, 127.0.0.1 included (loopback is not special)', async () => {
    const { code, stdout } = await cli(
      ['download', '--json', '--out', join(root, 'cli-proxy'), ...cdn.urls],
      { HTTP_PROXY: proxy.url }
    )
    expect(code).toBe(0)
    expect(JSON.parse(stdout).ok).toBe(3)
    expect([...proxy.forwarded].sort()).toEqual([...cdn.urls].sort())
  })

  it('NO_PROXY=127.0.0.1 bypasses it', async () => {
    const { code } = await cli(
      ['download', '--json', '--out', join(root, 'cli-no-proxy'), ...cdn.urls],
      {
        HTTP_PROXY: proxy.url,
        NO_PROXY: '127.0.0.1'
      }
    )
    expect(code).toBe(0)
    expect(proxy.forwarded).toEqual([])
  })

  it('without a proxy variable nothing reaches the proxy', async () => {
    const { code } = await cli(
      ['download', '--json', '--out', join(root, 'cli-direct'), cdn.urls[0] ?? ''],
      {}
    )
    expect(code).toBe(0)
    expect(proxy.forwarded).toEqual([])
  })
})
