import { readFileSync, writeFileSync } from 'node:fs'

const MiB = 1024 * 1024

/** A field of /proc/self/status in KiB (VmHWM, VmRSS), or undefined where there is none. */
export function statusKiB(field: string): number | undefined {
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
export function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return true
  } catch {
    return false
  }
}

/**
 * This process's peak resident memory over a stretch of time, all its threads together: the
 * kernel's VmHWM, reset at the start, and rss sampled every 5 ms where /proc is missing.
 */
export class PeakWatch {
  readonly rssBeforeMiB: number
  private readonly canReset = resetPeak()
  private sampledPeak = process.memoryUsage.rss()
  private heapPeak = process.memoryUsage().heapUsed
  private readonly sampler = setInterval(() => {
    this.sampledPeak = Math.max(this.sampledPeak, process.memoryUsage.rss())
    this.heapPeak = Math.max(this.heapPeak, process.memoryUsage().heapUsed)
  }, 5)

  constructor() {
    this.rssBeforeMiB = this.sampledPeak / MiB
  }

  stop(): {
    peakRssMiB: number
    peakSource: 'VmHWM' | 'sampled'
    sampledPeakMiB: number
    heapPeakMiB: number
  } {
    clearInterval(this.sampler)
    this.sampledPeak = Math.max(this.sampledPeak, process.memoryUsage.rss())
    const hwmKiB = this.canReset ? statusKiB('VmHWM') : undefined
    const peak = hwmKiB !== undefined ? Math.max(hwmKiB * 1024, this.sampledPeak) : this.sampledPeak
    return {
      peakRssMiB: peak / MiB,
      peakSource: hwmKiB !== undefined ? 'VmHWM' : 'sampled',
      sampledPeakMiB: this.sampledPeak / MiB,
      heapPeakMiB: this.heapPeak / MiB
    }
  }
}
