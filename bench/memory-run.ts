import { fork, spawn } from 'node:child_process'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { delimiter, dirname, join } from 'node:path'
import type { Strategy } from '../src/common/defaults.ts'
import { HEAP_OPTIONS } from '../src/common/heap-options.ts'
import type { BenchCdn } from './cdn/host.ts'
import type { ProbeJob, ProbeResult } from './memory-messages.ts'
import { CLI_BIN } from './peers/node-programs.ts'
import { countSaved } from './peers/spawn.ts'
import type { TempDirs } from './temp-dirs.ts'
import type { RunSample } from './types.ts'

const PROBE = new URL('./memory-probe.ts', import.meta.url)
const PEAK_REPORT = new URL('./peak-report.mjs', import.meta.url)

/**
 * One download in a fresh child process that measures its own peak memory. It runs the engine's
 * sources with the CLI's heap options (src/common/heap-options.ts), as the CLI's process has them.
 */
export async function memoryRun(
  cdn: BenchCdn,
  dirs: TempDirs,
  job: Omit<ProbeJob, 'dir'>
): Promise<RunSample & { probe: ProbeResult }> {
  const dir = await dirs.fresh(`memory-${job.strategy}`)
  const child = fork(PROBE, [], {
    execArgv: [...HEAP_OPTIONS, '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  await cdn.report(true)
  const outcome = await new Promise<{ result?: ProbeResult; error?: string }>((resolve) => {
    child.once('message', (message: { result?: ProbeResult; error?: string }) => resolve(message))
    child.once('exit', (code) => resolve({ error: `the probe exited with code ${code}` }))
    child.send({ ...job, dir } satisfies ProbeJob)
  })
  const server = await cdn.report(true)
  if (child.exitCode === null) child.kill()
  await dirs.remove(dir)
  const probe = outcome.result
  if (!probe) throw new Error(outcome.error ?? 'the probe sent nothing')
  return {
    ms: probe.ms,
    ok: probe.ok,
    total: job.urls.length,
    bytes: probe.bytes,
    clientLoopP99Ms: probe.loopDelayP99Ms,
    clientLoopMaxMs: probe.loopDelayMaxMs,
    clientCpuMs: probe.cpuMs,
    server,
    rssBeforeMiB: probe.rssBeforeMiB,
    peakRssMiB: probe.peakRssMiB,
    probe
  }
}

interface PeakReport {
  peakRssKiB: number
  startRssKiB: number
  cpuMs: number
}

/**
 * How a user starts the bin: executed, so that its shebang gives Node its heap options, with the
 * benchmark's Node first on PATH (as npm puts node_modules/.bin first). Windows runs no shebang:
 * there npm's shim passes the same options, as this does.
 */
function binCommand(args: string[]): [string, string[]] {
  return process.platform === 'win32'
    ? [process.execPath, [...HEAP_OPTIONS, CLI_BIN, ...args]]
    : [CLI_BIN, args]
}

/**
 * The CLI's bin (out/cli/index.js, built by buildCli) downloading a URL list file, as a whole
 * process: its peak resident memory (the kernel's, all threads) and CPU come from a preload
 * (peak-report.mjs) the bin does not know of; its time is the engine's, as its --json gives it.
 */
export async function binMemoryRun(
  cdn: BenchCdn,
  dirs: TempDirs,
  job: { strategy: Strategy; concurrency: number; urls: string[] }
): Promise<RunSample & { wholeMs: number }> {
  const list = join(dirs.root, `memory-urls-${job.urls.length}.txt`)
  await writeFile(list, job.urls.join('\n') + '\n')
  const dir = await dirs.fresh(`bin-memory-${job.strategy}`)
  const report = join(dirs.root, `peak-${job.strategy}-${job.urls.length}.json`)
  await rm(report, { force: true })
  const [command, args] = binCommand([
    'download',
    '--urls-file',
    list,
    '--out',
    dir,
    '--json',
    '--strategy',
    job.strategy,
    '--concurrency',
    String(job.concurrency)
  ])
  const preload = `--import=${PEAK_REPORT.href}`
  const env = {
    ...process.env,
    PATH: [dirname(process.execPath), process.env.PATH].filter(Boolean).join(delimiter),
    NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(' '),
    CID_PEAK_REPORT: report
  }
  await cdn.report(true)
  const started = performance.now()
  const ran = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
      child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
      child.once('error', reject)
      child.once('close', (code) => resolve({ code, stdout, stderr }))
    }
  )
  const wholeMs = performance.now() - started
  const server = await cdn.report(true)
  const saved = await countSaved(dir)
  await dirs.remove(dir)
  if (ran.code !== 0) throw new Error(`exit ${ran.code}: ${ran.stderr.trim().slice(0, 300)}`)
  const peak = JSON.parse(await readFile(report, 'utf8')) as PeakReport
  const summary = JSON.parse(ran.stdout) as { elapsedMs: number }
  return {
    ms: summary.elapsedMs,
    wholeMs,
    ok: saved.files,
    total: job.urls.length,
    bytes: saved.bytes,
    clientCpuMs: peak.cpuMs,
    server,
    rssBeforeMiB: peak.startRssKiB / 1024,
    peakRssMiB: peak.peakRssKiB / 1024
  }
}
