import { monitorEventLoopDelay } from 'node:perf_hooks'

/** This thread's event loop delay and CPU time since the last reset. */
export class LoopWatch {
  private readonly histogram = monitorEventLoopDelay({ resolution: 10 })
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
    const ms = (ns: number): number => (Number.isFinite(ns) ? ns / 1e6 : 0)
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
