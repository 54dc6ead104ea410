import { cpus, type CpuInfo } from 'node:os'

/** Samples the load of each core while a run goes; `start` returns the stop. */
export interface CpuSampler {
  start(onSample: (cores: number[]) => void): () => void
}

export interface CpuSamplerOptions {
  /** Time between two samples; 250 ms draws a gauge that moves without costing the run. */
  intervalMs?: number
  /** For tests: another source of the cores' times. */
  read?: () => Pick<CpuInfo, 'times'>[]
}

/** Each core's busy share between two readings of its times (user, nice, sys, irq against idle). */
export function busyShares(
  before: readonly Pick<CpuInfo, 'times'>[],
  after: readonly Pick<CpuInfo, 'times'>[]
): number[] {
  return after.map((core, index) => {
    const prior = before[index]
    if (!prior) return 0
    const total = (t: CpuInfo['times']): number => t.user + t.nice + t.sys + t.irq + t.idle
    const spent = total(core.times) - total(prior.times)
    if (spent <= 0) return 0
    const idle = core.times.idle - prior.times.idle
    return Math.min(1, Math.max(0, 1 - idle / spent))
  })
}

/**
 * `os.cpus()` deltas every ~250 ms, only between a run's start and its end: one call reads
 * /proc/stat on Linux (tens of microseconds), so the gauge costs the run it shows nothing it
 * could measure. The timer is unref'd: it never keeps the process alive.
 */
export function createCpuSampler(options: CpuSamplerOptions = {}): CpuSampler {
  const read = options.read ?? cpus
  const intervalMs = options.intervalMs ?? 250
  return {
    start(onSample) {
      let last = read()
      const timer = setInterval(() => {
        const now = read()
        onSample(busyShares(last, now).map((share) => Math.round(share * 100) / 100))
        last = now
      }, intervalMs)
      timer.unref()
      return () => clearInterval(timer)
    }
  }
}
