import { DEFAULT_DOWNLOAD_LIMITS } from '../common/defaults.ts'
import type { DownloadLimits } from '../common/defaults.ts'
import { integer } from './args.ts'
import type { Options } from './args.ts'

/** The download options about the network: the stall guard and the per-host cap. */
export const networkOptions = {
  'min-speed-kbps': { type: 'string' },
  'stall-seconds': { type: 'string' },
  'per-host': { type: 'string' }
} satisfies Options

type Values = Record<string, unknown>

/**
 * The limits these options set, with the proxy from the environment (HTTPS_PROXY,
 * HTTP_PROXY, NO_PROXY), as curl and most command-line tools take it.
 */
export function networkLimitsOf(values: Values): Partial<DownloadLimits> {
  const d = DEFAULT_DOWNLOAD_LIMITS
  const minKBps = integer(
    'min-speed-kbps',
    values['min-speed-kbps'],
    d.minBytesPerSecond / 1024,
    0,
    1_000_000
  )
  const stallSeconds = integer(
    'stall-seconds',
    values['stall-seconds'],
    d.stallWindowMs / 1000,
    1,
    3600
  )
  return {
    minBytesPerSecond: minKBps * 1024,
    stallWindowMs: stallSeconds * 1000,
    perHostConnections: integer('per-host', values['per-host'], d.perHostConnections, 0, 256),
    proxy: { mode: 'env' }
  }
}
