/**
 * Proxies: downloads go through a real HTTP proxy on loopback (a node:http
 * server that forwards absolute-form requests and tunnels CONNECT), which counts
 * what it carried. The CLI takes HTTP_PROXY and NO_PROXY from its environment
 * (undici's EnvHttpProxyAgent); the engine takes a fixed proxy as data, as the
 * app passes its system proxy, on every strategy (each worker thread builds its
 * own dispatcher from that data).
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer, request as httpRequest } from 'node:http'
import type { Server } from 'node:http'
import { connect } from 'node:net'
import type { Socket } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { STRATEGIES } from '../../src/common/defaults.ts'
import { runDownloads } from '../../src/engine/run.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { lostFiles, removeDir, tally, tempRoot } from './helpers.ts'

const counts = tally('proxy')
const repo = join(import.meta.dirname, '..', '..')

interface CountingProxy {
  url: string
  /** Absolute-form requests forwarded, by target URL. */
  forwarded: string[]
  /** CONNECT tunnels opened, by target host:port. */
  tunnels: string[]
  close(): Promise<void>
}

/** A forward proxy as a company runs one, on 127.0.0.1. */
async function startProxy(): Promise<CountingProxy> {
  const forwarded: string[] = []
  const tunnels: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url ?? '')
    forwarded.push(target.href)
    const upstream = httpRequest(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  server.on('connect', (req, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '')
    const [host, port] = (req.url ?? '').split(':')
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('not on TCP')
  return {
    url: `http://127.0.0.1:${address.port}`,
    forwarded,
    tunnels,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

let cdn: SimulatedCdn
let proxy: CountingProxy
let root: string
beforeAll(async () => {
  cdn = await startSimulatedCdn({ count: 3, sizeKB: 32, latencyMs: 2, bandwidthKBps: 0 })
  proxy = await startProxy()
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
