import { readFileSync, writeFileSync } from 'node:fs'
import { enableCompileCache } from 'node:module'
import { runDownloads } from '../src/engine/run.ts'
import { LoopWatch } from './cdn/loop-delay.ts'
import type { ProbeJob, ProbeResult } from './memory-messages.ts'

// As the CLI does, and as bench/run.ts: the download code loaded below and the engine's worker
// threads come from Node's compile cache (on disk, shared with the bench and with earlier probes).
enableCompileCache()

/**
 * A child process that runs one download and reports its own peak memory, so the measure starts
 * from a clean process: the engine's code is loaded, garbage collected, the kernel's peak (VmHWM)
 * reset, then the run. Sampling rss every 5 ms backs the kernel's figure where /proc is missing.
 */
const MiB = 1024 * 1024

/** The probe is forked with --expose-gc (the engine's threads inherit it, as any Node option). */
const exposed = (globalThis as { gc?: () => void }).gc
if (!exposed) throw new Error('the memory probe must run with --expose-gc')
const gc: () => void = exposed

function statusKiB(field: string): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync('/proc/self/status', 'utf8')
    )
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}

/** Writing 5 to clear_refs resets VmHWM to the current rss (Linux 4.0+). */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return true
  } catch {
    return false
  }
}

async function probe(job: ProbeJob): Promise<ProbeResult> {
  // Loaded on first use by the engine; loaded here so the baseline includes it, as a warm app's would.
  await import('../src/engine/tasks/download.ts')
  gc()
  const canReset = resetPeak()
  const rssBefore = process.memoryUsage.rss()
  let sampledPeak = rssBefore
  let heapPeak = process.memoryUsage().heapUsed
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss())
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
  }, 5)
  const watch = new LoopWatch()
  const started = performance.now()
  const summary = await runDownloads({
    strategy: job.strategy,
    concurrency: job.concurrency,
    urls: job.urls,
    dir: job.dir,
    limits: { maxBytes: job.maxBytes }
  })
  const ms = performance.now() - started
  clearInterval(sampler)
  sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss())
  const loop = watch.read()
  watch.stop()
  const hwmKiB = canReset ? statusKiB('VmHWM') : undefined
  const peak = hwmKiB !== undefined ? Math.max(hwmKiB * 1024, sampledPeak) : sampledPeak
  return {
    ms,
    ok: summary.ok,
    bytes: summary.bytes,
    rssBeforeMiB: rssBefore / MiB,
    peakRssMiB: peak / MiB,
    peakSource: hwmKiB !== undefined ? 'VmHWM' : 'sampled',
    sampledPeakMiB: sampledPeak / MiB,
    heapPeakMiB: heapPeak / MiB,
    ...loop
  }
}

process.once('message', (job: ProbeJob) => {
  probe(job).then(
    (result) => process.send?.({ result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ error: String(error) }, () => process.exit(1))
  )
})
