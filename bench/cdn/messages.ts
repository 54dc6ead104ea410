import type { CdnStats, SimulatedCdnOptions } from '../../src/engine/simulated-cdn/index.ts'

/** What the CDN process saw during one measured run. */
export interface ServerReport {
  stats: CdnStats
  /** CPU the server process used (user + system), ms. */
  cpuMs: number
  /** Its event loop's delay: p99 and max, ms. */
  loopDelayP99Ms: number
  loopDelayMaxMs: number
}

export type ToCdn = { type: 'report'; reset: boolean } | { type: 'close' }

export type FromCdn =
  | { type: 'ready'; origin: string; urls: string[]; prepareMs: number }
  | { type: 'report'; report: ServerReport }

export interface CdnChildOptions extends SimulatedCdnOptions {
  /** Prepare every photo before the first run, so no run pays for encoding. */
  prepareAll: boolean
}
