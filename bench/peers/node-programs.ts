import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { getCompileCacheDir } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { HEAP_OPTIONS } from '../../src/common/heap-options.ts'
import type { BenchCdn } from '../cdn/host.ts'
import type { TempDirs } from '../temp-dirs.ts'
import type { RunSample } from '../types.ts'
import { minimalDownload } from './minimal-undici.mjs'
import { countSaved, GNU_TIME, runProgram } from './spawn.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** The package's bin, as `npm run build:cli` (part of `npm run build`) makes it. */
export const CLI_BIN = join(ROOT, 'out/cli/index.js')
/** The CLI's worker thread, built as CommonJS beside it (scripts/cli-build/worker-thread.ts). */
export const CLI_WORKER = join(ROOT, 'out/cli/worker.cjs')
const CLI_SOURCE = join(ROOT, 'src/cli/index.ts')
const MINIMAL = join(ROOT, 'bench/peers/minimal-undici.mjs')
/** Threads that only say they are ready: an ES module, and CommonJS as the download thread is. */
const BARE_WORKER = {
  esm: new URL('./bare-worker.mjs', import.meta.url),
  cjs: new URL('./bare-worker.cjs', import.meta.url)
}
const NODE = process.execPath

/** Builds the CLI (out/cli) from the sources as they are now, so that its rows measure them. */
export async function buildCli(): Promise<string | undefined> {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js')
  const result = await runProgram(NODE, [vite, 'build', '--config', 'vite.cli.config.ts'], {
    cwd: ROOT
  })
  if (result.code === 0 && existsSync(CLI_BIN)) return undefined
  return `the CLI build failed: ${result.stderr.trim().slice(0, 300)}`
}

export function rssAvailable(): boolean {
  return existsSync(GNU_TIME)
}

/** A whole Node process that downloads nothing: `node -e 0`, or the CLI's --help. */
export async function startUpRun(what: 'node -e 0' | 'bin' | 'source'): Promise<RunSample> {
  const args =
    what === 'node -e 0'
      ? ['-e', '0']
      : [...HEAP_OPTIONS, what === 'bin' ? CLI_BIN : CLI_SOURCE, '--help']
  const result = await runProgram(NODE, args, { measureCpu: true })
  if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.stderr.slice(0, 200)}`)
  return { ms: result.ms, ok: 0, total: 0, bytes: 0, clientCpuMs: result.cpuMs }
}

async function urlsFile(dirs: TempDirs, urls: string[]): Promise<string> {
  const file = join(dirs.root, `urls-${urls.length}-${urls[0]?.length ?? 0}.txt`)
  await writeFile(file, urls.join('\n') + '\n')
  return file
}

/**
 * A whole process, spawn to exit, with its CPU and peak memory: the CLI's bin (`download`) or the
 * minimal downloader. For the CLI, `engineMs` is the engine's own time, as its --json reports it.
 */
export async function wholeProcessRun(
  cdn: BenchCdn,
  dirs: TempDirs,
  who: 'cli' | 'cli-source' | 'minimal',
  urls: string[],
  lanes: number,
  strategy: 'pool' | 'workers' = 'pool'
): Promise<RunSample & { engineMs?: number }> {
  const file = await urlsFile(dirs, urls)
  const dir = await dirs.fresh(`${who}-${strategy}-${lanes}`)
  const cli = who === 'cli' ? CLI_BIN : CLI_SOURCE
  const args =
    who === 'minimal'
      ? [MINIMAL, file, dir, String(lanes)]
      : [...HEAP_OPTIONS, cli, 'download', '--urls-file', file, '--out', dir, '--json']
  if (who !== 'minimal') args.push('--strategy', strategy, '--concurrency', String(lanes))
  await cdn.report(true)
  const result = await runProgram(NODE, args, { measureCpu: true, measureRss: rssAvailable() })
  const server = await cdn.report(true)
  const saved = await countSaved(dir)
  await dirs.remove(dir)
  if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.stderr.slice(0, 300)}`)
  let engineMs: number | undefined
  if (who !== 'minimal') engineMs = (JSON.parse(result.stdout) as { elapsedMs: number }).elapsedMs
  return {
    ms: result.ms,
    ok: saved.files,
    total: urls.length,
    bytes: saved.bytes,
    clientCpuMs: result.cpuMs,
    peakRssMiB: result.peakRssMiB,
    rssBeforeMiB: 0,
    server,
    engineMs
  }
}

/** The minimal downloader in this process: request + pipeline, `lanes` at a time. */
export async function minimalInProcessRun(
  cdn: BenchCdn,
  dirs: TempDirs,
  urls: string[],
  lanes: number
): Promise<RunSample> {
  const dir = await dirs.fresh(`minimal-in-${lanes}`)
  await cdn.report(true)
  const cpu = process.cpuUsage()
  const started = performance.now()
  await minimalDownload(urls, dir, lanes)
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  const server = await cdn.report(true)
  const saved = await countSaved(dir)
  await dirs.remove(dir)
  return {
    ms,
    ok: saved.files,
    total: urls.length,
    bytes: saved.bytes,
    clientCpuMs: (used.user + used.system) / 1000,
    server
  }
}

/**
 * `count` worker threads that do nothing but post "ready", started at once: the floor for a
 * thread's start, with the compile cache the engine's threads get.
 */
export async function bareThreadsReadyMs(
  count: number,
  format: keyof typeof BARE_WORKER = 'esm'
): Promise<number> {
  const cacheDir = getCompileCacheDir()
  const env = cacheDir ? { ...process.env, NODE_COMPILE_CACHE: cacheDir } : process.env
  const started = performance.now()
  const workers: Worker[] = []
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(BARE_WORKER[format], { env })
          workers.push(worker)
          worker.once('message', () => resolve())
          worker.once('error', reject)
        })
    )
  )
  const ms = performance.now() - started
  await Promise.all(workers.map((worker) => worker.terminate()))
  return ms
}
