import type { Strategy } from '../src/common/defaults.ts'

export interface ProbeJob {
  strategy: Strategy
  concurrency: number
  urls: string[]
  dir: string
  maxBytes: number
}

export interface ProbeResult {
  ms: number
  ok: number
  bytes: number
  rssBeforeMiB: number
  /** Peak resident set during the run: the kernel's VmHWM (reset before the run), or sampled. */
  peakRssMiB: number
  peakSource: 'VmHWM' | 'sampled'
  sampledPeakMiB: number
  heapPeakMiB: number
  loopDelayP99Ms: number
  loopDelayMaxMs: number
  cpuMs: number
}
