import { monitorEventLoopDelay } from 'node:perf_hooks'

const RESOLUTION_MS = 10

/** This thread's event loop delay and CPU time since the last reset. */
export class LoopWatch {
  private readonly histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  private cpu = process.cpuUsage()

  constructor() {
    this.histogram.enable()
  }

  reset(): void {
    this.histogram.reset()
    this.cpu = process.cpuUsage()
  }

  read(): { cpuMs: number; loopDelayP99Ms: number; loopDelayMaxMs: number } {
    const used = process.cpuUsage(this.cpu)
    // The histogram records the whole interval between its ticks: the delay is what exceeds the resolution.
    const ms = (ns: number): number =>
      Number.isFinite(ns) ? Math.max(0, ns / 1e6 - RESOLUTION_MS) : 0
    return {
      cpuMs: (used.user + used.system) / 1000,
      loopDelayP99Ms: ms(this.histogram.percentile(99)),
      loopDelayMaxMs: ms(this.histogram.max)
    }
  }

  stop(): void {
    this.histogram.disable()
  }
}
