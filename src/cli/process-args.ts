import { availableParallelism } from 'node:os'
import {
  DEFAULT_PROCESSING,
  MAX_CONCURRENCY,
  PROCESS_KERNELS,
  STRATEGIES
} from '../common/defaults.ts'
import type { ProcessKernel, Strategy } from '../common/defaults.ts'
import { PROCESS_LIMITS } from '../common/schemas.ts'
import { integer, oneOf, UsageError } from './args.ts'
import type { Options } from './args.ts'

/** The multiprocessing tutorial's knobs: where the pixels are computed, the blur, the size. */
export const kernelOptions = {
  kernel: { type: 'string', short: 'k' },
  blur: { type: 'string' },
  'max-size': { type: 'string' }
} satisfies Options

export interface KernelSettings {
  kernel: ProcessKernel
  blur: number
  maxSize: number
}

type Values = Record<string, unknown>

export function kernelSettingsOf(values: Values): KernelSettings {
  return {
    kernel: oneOf('kernel', values.kernel, PROCESS_KERNELS, 'sharp'),
    blur: blurOf(values.blur),
    maxSize: integer(
      'max-size',
      values['max-size'],
      DEFAULT_PROCESSING.maxSize,
      PROCESS_LIMITS.maxSize.min,
      PROCESS_LIMITS.maxSize.max
    )
  }
}

/** Pillow's GaussianBlur radius: a number of pixels, fractions allowed (`--blur 2.5`), 0 for none. */
function blurOf(value: unknown): number {
  if (value === undefined) return DEFAULT_PROCESSING.blur
  const { min, max } = PROCESS_LIMITS.blur
  const number = Number(value)
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value) || number < min || number > max) {
    throw new UsageError(`--blur must be a number from ${min} to ${max}; got "${String(value)}"`)
  }
  return number
}

/**
 * A processing run's concurrency: the cores, as Python's ProcessPoolExecutor() takes them by
 * default, since more lanes than cores cannot compute more at once.
 */
export function processConcurrencyOf(value: unknown, name = 'concurrency'): number {
  return integer(name, value, availableParallelism(), 1, MAX_CONCURRENCY)
}

/** `--process-strategy`, `--process-concurrency`: a pipeline's processing stage, the download's when absent. */
export function processStageOf(values: Values): { strategy?: Strategy; concurrency?: number } {
  const strategy = values['process-strategy']
  const concurrency = values['process-concurrency']
  return {
    ...(strategy === undefined
      ? {}
      : { strategy: oneOf('process-strategy', strategy, STRATEGIES, 'pool') }),
    ...(concurrency === undefined
      ? {}
      : { concurrency: processConcurrencyOf(concurrency, 'process-concurrency') })
  }
}
