import { parseArgs } from 'node:util'
import type { ParseArgsConfig } from 'node:util'
import { cpus } from 'node:os'
import {
  defaultConcurrency,
  MAX_CONCURRENCY,
  SIMULATED_LIMITS,
  SLEEP_MODES,
  STRATEGIES
} from '../common/defaults.ts'
import type { SleepMode, Strategy } from '../common/defaults.ts'
import { DEFAULT_SIMULATED_SOURCE } from '../common/schemas.ts'
import type { SimulatedSource } from '../common/schemas.ts'
import { photoPixelsProblem } from '../engine/simulated-cdn/pixel-limits.ts'
import type { PhotoPixels } from '../engine/simulated-cdn/pixel-limits.ts'
import { UsageError } from './usage-error.ts'

export { UsageError }

export type Options = ParseArgsConfig['options']

export function parse(argv: string[], options: Options): ReturnType<typeof parseArgs> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

export const strategyOptions = {
  strategy: { type: 'string', short: 's' },
  concurrency: { type: 'string', short: 'c' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' }
} satisfies Options

export const simulatedOptions = {
  count: { type: 'string' },
  'size-kb': { type: 'string' },
  'latency-ms': { type: 'string' },
  'bandwidth-kbps': { type: 'string' },
  'photo-pixels': { type: 'string' }
} satisfies Options

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>

export function oneOf<T extends string>(
  name: string,
  value: unknown,
  choices: readonly T[],
  fallback: T
): T {
  if (value === undefined) return fallback
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T
  throw new UsageError(`--${name} must be one of ${choices.join(', ')}; got "${String(value)}"`)
}

export function integer(
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number
): number {
  if (value === undefined) return fallback
  const number = Number(value)
  if (typeof value !== 'string' || !/^\d+$/.test(value) || number < min || number > max) {
    throw new UsageError(
      `--${name} must be a whole number from ${min} to ${max}; got "${String(value)}"`
    )
  }
  return number
}

export function strategyOf(values: Values): Strategy {
  return oneOf('strategy', values.strategy, STRATEGIES, 'pool')
}

export function modeOf(values: Values): SleepMode {
  return oneOf('mode', values.mode, SLEEP_MODES, 'timer')
}

export function concurrencyOf(values: Values): number {
  return integer(
    'concurrency',
    values.concurrency,
    defaultConcurrency(cpus().length),
    1,
    MAX_CONCURRENCY
  )
}

export function simulatedOf(values: Values): SimulatedSource {
  const d = DEFAULT_SIMULATED_SOURCE
  const L = SIMULATED_LIMITS
  return {
    count: integer('count', values.count, d.count, L.count.min, L.count.max),
    sizeKB: integer('size-kb', values['size-kb'], d.sizeKB, L.sizeKB.min, L.sizeKB.max),
    latencyMs: integer(
      'latency-ms',
      values['latency-ms'],
      d.latencyMs,
      L.latencyMs.min,
      L.latencyMs.max
    ),
    bandwidthKBps: integer(
      'bandwidth-kbps',
      values['bandwidth-kbps'],
      d.bandwidthKBps,
      L.bandwidthKBps.min,
      L.bandwidthKBps.max
    )
  }
}

/** `--photo-pixels 2400x1600`: the simulated CDN's photos at that size in pixels; undefined when absent. */
export function photoPixelsOf(values: Record<string, unknown>): PhotoPixels | undefined {
  const value = values['photo-pixels']
  if (value === undefined) return undefined
  const match = typeof value === 'string' ? /^(\d+)[x×](\d+)$/i.exec(value) : null
  if (!match) {
    throw new UsageError(
      `--photo-pixels is WIDTHxHEIGHT, such as 2400x1600; got "${String(value)}"`
    )
  }
  const pixels = { width: Number(match[1]), height: Number(match[2]) }
  const problem = photoPixelsProblem(pixels)
  if (problem) throw new UsageError(`--photo-pixels: ${problem}`)
  return pixels
}
