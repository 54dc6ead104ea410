import type { ServerReport } from './cdn/messages.ts'
import type { Summary } from './stats.ts'

/** One measured run of one contender. */
export interface RunSample {
  ms: number
  /** Images saved whole, of `total`. */
  ok: number
  total: number
  bytes: number
  /** When the first task began, ms from the run's start (sleep runs). */
  firstStartMs?: number
  /** The downloading process's event loop (engine runs only). */
  clientLoopP99Ms?: number
  clientLoopMaxMs?: number
  clientCpuMs?: number
  server?: ServerReport
  /** Memory runs: resident set before the run and its peak during it, MiB. */
  rssBeforeMiB?: number
  peakRssMiB?: number
}

/** An engine strategy or a peer tool, at one concurrency, measured `runs` times. */
export interface Contender {
  who: string
  peer: boolean
  concurrency: number
  /** What the network (or the cores) allows, ms. */
  idealMs?: number
  runs: number
  /** Set when it cannot run here: the reason. */
  notRun?: string
  run(): Promise<RunSample>
}

export interface Row {
  who: string
  peer: boolean
  concurrency: number
  idealMs?: number
  notRun?: string
  samples: RunSample[]
  time?: Summary
  /** Resident memory growth during the run (peak − before), MiB. */
  rssGrowth?: Summary
  peakRss?: Summary
}

export type TargetStatus = 'met' | 'missed' | 'not measured'

export interface Target {
  text: string
  status: TargetStatus
  detail: string
}

export interface ScenarioResult {
  id: number
  title: string
  setup: string[]
  rows: Row[]
  targets: Target[]
  notes: string[]
  durationMs: number
  /** The machine's 1-minute load average as the scenario began and ended: other work on it. */
  load?: { before: number; after: number }
}
