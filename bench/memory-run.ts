import { fork } from 'node:child_process'
import type { BenchCdn } from './cdn/host.ts'
import type { ProbeJob, ProbeResult } from './memory-messages.ts'
import type { TempDirs } from './temp-dirs.ts'
import type { RunSample } from './types.ts'

const PROBE = new URL('./memory-probe.ts', import.meta.url)

/** One download in a fresh child process that measures its own peak memory. */
export async function memoryRun(
  cdn: BenchCdn,
  dirs: TempDirs,
  job: Omit<ProbeJob, 'dir'>
): Promise<RunSample & { probe: ProbeResult }> {
  const dir = await dirs.fresh(`memory-${job.strategy}`)
  const child = fork(PROBE, [], {
    execArgv: ['--expose-gc'],
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
