import { enableCompileCache } from 'node:module'
import { runDownloads } from '../src/engine/run.ts'
import { LoopWatch } from './cdn/loop-delay.ts'
import type { ProbeJob, ProbeResult } from './memory-messages.ts'
import { PeakWatch } from './peak-rss.ts'

// As the CLI does, and as bench/run.ts: the download code loaded below and the engine's worker
// threads come from Node's compile cache (on disk, shared with the bench and with earlier probes).
enableCompileCache()

// A child process that runs one download and reports its own peak memory, so the measure starts
// from a clean process: the engine's code is loaded, garbage collected, the kernel's peak (VmHWM)
// reset, then the run (peak-rss.ts).

/**
 * The probe is forked with the CLI's heap options (src/common/heap-options.ts), as the CLI's process
 * starts, and --expose-gc (the engine's threads inherit both, as any Node option).
 */
const exposed = (globalThis as { gc?: () => void }).gc
if (!exposed) throw new Error('the memory probe must run with --expose-gc')
const gc: () => void = exposed

async function probe(job: ProbeJob): Promise<ProbeResult> {
  // Loaded on first use by the engine; loaded here so the baseline includes it, as a warm app's would.
  await import('../src/engine/tasks/download.ts')
  gc()
  const peak = new PeakWatch()
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
  const memory = peak.stop()
  const loop = watch.read()
  watch.stop()
  return {
    ms,
    ok: summary.ok,
    bytes: summary.bytes,
    rssBeforeMiB: peak.rssBeforeMiB,
    ...memory,
    ...loop
  }
}

process.once('message', (job: ProbeJob) => {
  probe(job).then(
    (result) => process.send?.({ result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ error: String(error) }, () => process.exit(1))
  )
})
