/**
 * The worker thread as both hosts build it: the CLI (vite.cli.config.ts, `worker.cjs` beside the
 * bin) and the app (electron-vite's main config, `chunks/worker-<hash>.cjs`, which
 * src/main/index.ts points the pool at). Checked as a maintainer would, without timings:
 * CommonJS files that start under plain Node as a Worker (threads use no Electron API); a
 * download thread that, once ready, has loaded nothing its task does not need (node:crypto,
 * node:zlib, node:http2, node:assert, sharp); and real downloads through it over 127.0.0.1, directly and
 * through a proxy.
 */
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { gzipSync } from 'node:zlib'
import { build as buildApp } from 'electron-vite'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { runDownloads } from '../../src/engine/run.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { WorkerPool } from '../../src/engine/threads/worker-pool.ts'
import { imageBytes } from '../engine/files-fixtures.ts'
import { startCountingProxy } from '../helpers/counting-proxy.ts'
import { filesIn, tempFolder } from '../helpers/temp-dir.ts'
import { startLoopbackServer } from '../reliability/helpers.ts'
import type { LoopbackServer } from '../reliability/helpers.ts'

// Two builds, then threads and processes on a busy machine.
vi.setConfig({ testTimeout: 120_000 })

const root = join(import.meta.dirname, '..', '..')
let built: string
/** Each host's worker entry, as its build wrote it. */
const entries: Record<'CLI' | 'app', string> = { CLI: '', app: '' }
let cdn: SimulatedCdn
let gzipped: LoopbackServer
const jpeg = imageBytes('jpeg', 40 * 1024)

beforeAll(async () => {
  // Inside the project (git-ignored .tmp), where Node finds sharp, which stays outside the bundles.
  await mkdir(join(root, '.tmp'), { recursive: true })
  built = await mkdtemp(join(root, '.tmp', 'worker-bundle-test-'))
  await build({
    configFile: join(root, 'vite.cli.config.ts'),
    root,
    logLevel: 'silent',
    build: { outDir: join(built, 'cli') }
  })
  await buildApp({
    configFile: join(root, 'electron.vite.config.ts'),
    root,
    logLevel: 'silent',
    build: { outDir: join(built, 'app') }
  })
  entries.CLI = join(built, 'cli', 'worker.cjs')
  const chunks = await readdir(join(built, 'app', 'main', 'chunks'))
  const appWorker = chunks.find((name) => /^worker-[0-9a-f]+\.cjs$/.test(name))
  entries.app = join(built, 'app', 'main', 'chunks', appWorker ?? 'no worker-<hash>.cjs')
  cdn = await startSimulatedCdn({ count: 6, sizeKB: 64, latencyMs: 20, bandwidthKBps: 8192 })
  gzipped = await startLoopbackServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Encoding': 'gzip' })
    res.end(gzipSync(jpeg))
  })
}, 240_000)

afterAll(async () => {
  await cdn?.close()
  await gzipped?.close()
  if (built) await rm(built, { recursive: true, force: true })
})

interface Loaded {
  /** Node's own modules loaded in the thread, by name (`crypto`, `internal/http2/core`...). */
  builtins: string[]
  /** Every module the thread resolved (file: and node: URLs). */
  resolved: string[]
}

/**
 * Starts `entry` as a Worker, as the pool does, and reads what the thread had loaded when it
 * said it was ready: a wrapper in the thread records each module resolved and Node's list of
 * its own modules, and adds them to the `ready` message.
 */
async function loadedWhenReady(entry: string, preload: 'downloads' | 'process'): Promise<Loaded> {
  const probe = `
    const threads = require('node:worker_threads')
    const resolved = []
    require('node:module').registerHooks({
      resolve(specifier, context, next) {
        const result = next(specifier, context)
        resolved.push(result.url)
        return result
      }
    })
    const post = threads.parentPort.postMessage.bind(threads.parentPort)
    threads.parentPort.postMessage = (message) => {
      if (message.type !== 'ready') return post(message)
      const builtins = process.moduleLoadList
        .filter((name) => name.startsWith('NativeModule '))
        .map((name) => name.slice('NativeModule '.length))
      post({ ...message, builtins, resolved })
    }
    require(${JSON.stringify(entry)})`
  const worker = new Worker(probe, {
    eval: true,
    workerData: {
      stopBuffer: new SharedArrayBuffer(4),
      preloadDownloads: preload === 'downloads',
      preloadProcess: preload === 'process'
    }
  })
  try {
    return await new Promise<Loaded>((resolve, reject) => {
      worker.on('message', (message: { type: string } & Loaded) => {
        if (message.type === 'ready') resolve(message)
      })
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`the thread exited (${code}) before ready`)))
    })
  } finally {
    await worker.terminate()
  }
}

const sharpIn = (resolved: string[]): string[] =>
  resolved.filter((url) => /\/node_modules\/(@img\/)?sharp[^/]*\//.test(url))

describe.each(['CLI', 'app'] as const)("the %s's worker thread", (host) => {
  it('is CommonJS: a .cjs entry and .cjs chunks, without import or export statements', async () => {
    const dir = join(entries[host], '..')
    const files = (await readdir(dir)).filter((name) => name.endsWith('.cjs'))
    expect(files).toContain(entries[host].slice(dir.length + 1))
    for (const name of files) {
      const code = await readFile(join(dir, name), 'utf8')
      expect(code, name).not.toMatch(/^(import|export) /m)
    }
  })

  it('a download thread, once ready, has loaded no node:crypto, zlib, http2, assert nor sharp', async () => {
    const loaded = await loadedWhenReady(entries[host], 'downloads')
    // The download code is loaded (undici's sockets): what is missing is missing by design.
    expect(loaded.builtins).toContain('net')
    // node:assert is loaded only when one of undici's assertions fails (lean-undici.ts).
    const unneeded = ['crypto', 'zlib', 'http2', 'assert']
    expect({
      builtins: loaded.builtins.filter((name) => unneeded.includes(name)),
      sharp: sharpIn(loaded.resolved)
    }).toEqual({ builtins: [], sharp: [] })
  })

  it('a processing thread loads sharp (seen by the same probe), and not undici', async () => {
    const loaded = await loadedWhenReady(entries[host], 'process')
    expect(sharpIn(loaded.resolved)).not.toEqual([])
    expect(loaded.resolved.filter((url) => url.includes('undici'))).toEqual([])
  })

  it('downloads through its threads save whole files over 127.0.0.1, a gzipped one decoded', async () => {
    const pool = new WorkerPool({ workerEntry: entries[host], preloadDownloads: true })
    const dir = await tempFolder()
    try {
      const summary = await runDownloads({
        strategy: 'workers',
        concurrency: 4,
        urls: [...cdn.urls, `${gzipped.origin}/gzipped.jpg`],
        dir,
        workerPool: pool
      })
      expect(pool.threadsStarted).toBeGreaterThan(0)
      expect(summary.tasks.map((task) => task.status)).toEqual(Array(7).fill('done'))
      for (const [index, task] of summary.tasks.entries()) {
        const expected = index < cdn.urls.length ? cdn.photoBytes(index) : jpeg
        expect((await readFile(task.file ?? '')).equals(expected), `image ${index}`).toBe(true)
      }
    } finally {
      await pool.close()
    }
  })

  it("downloads through a proxy go through it (undici's proxy agent, as bundled and minified)", async () => {
    const proxy = await startCountingProxy()
    const pool = new WorkerPool({ workerEntry: entries[host], preloadDownloads: true })
    const urls = cdn.urls.slice(0, 3)
    try {
      const summary = await runDownloads({
        strategy: 'workers',
        concurrency: 3,
        urls,
        dir: await tempFolder(),
        workerPool: pool,
        limits: {
          proxy: { mode: 'fixed', httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: '' }
        }
      })
      expect(summary.ok).toBe(3)
      expect([...proxy.forwarded].sort()).toEqual([...urls].sort())
    } finally {
      await pool.close()
      await proxy.close()
    }
  })
})

describe("the CLI's bin", () => {
  it('download --strategy workers finds its thread beside it and saves every image', async () => {
    const out = await tempFolder()
    const args = ['download', '--strategy', 'workers', '--source', 'simulated', '--count', '4']
    const ran = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [join(built, 'cli', 'index.js'), ...args, '--out', out])
      let stderr = ''
      child.stderr.on('data', (chunk) => (stderr += chunk))
      child.on('close', (code) => resolve({ code, stderr }))
    })
    expect(ran).toMatchObject({ code: 0 })
    expect((await filesIn(out)).filter((name) => name.endsWith('.jpg'))).toHaveLength(4)
  })
})
