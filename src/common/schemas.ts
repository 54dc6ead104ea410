import { z } from 'zod'
import {
  DEFAULT_EXISTING_POLICY,
  EXISTING_POLICIES,
  MAX_CONCURRENCY,
  MAX_URL_LENGTH,
  MAX_URLS,
  PROCESS_KERNELS,
  SLEEP_MODES,
  SIMULATED_LIMITS,
  SLEEP_ORDERS,
  STRATEGIES
} from './defaults.ts'
import { unsplashPickSchema } from './unsplash.ts'

export const strategySchema = z.enum(STRATEGIES)
export const sleepModeSchema = z.enum(SLEEP_MODES)
export const concurrencySchema = z.number().int().min(1).max(MAX_CONCURRENCY)
export const existingPolicySchema = z.enum(EXISTING_POLICIES)

/** Sizes offered for images.unsplash.com URLs, applied through imgix's `w` and `q`. */
export const IMAGE_SIZES = ['original', '2400', '1080'] as const
export const imageSizeSchema = z.enum(IMAGE_SIZES)
export type ImageSize = z.infer<typeof imageSizeSchema>

const within = ({ min, max }: { min: number; max: number }) => z.number().int().min(min).max(max)

/** A simulated photo's side in pixels (the CDN also caps the whole at 48 megapixels). */
const PHOTO_SIDE = { min: 16, max: 10_000 } as const
/** The size of the real-size photos the app's offline source offers: an Unsplash original's. */
export const REAL_PHOTO_PIXELS = { width: 2400, height: 1600 } as const

export const simulatedSourceSchema = z
  .object({
    count: within(SIMULATED_LIMITS.count),
    sizeKB: within(SIMULATED_LIMITS.sizeKB),
    latencyMs: within(SIMULATED_LIMITS.latencyMs),
    /** Per-connection bandwidth in KB/s; 0 means unlimited. */
    bandwidthKBps: within(SIMULATED_LIMITS.bandwidthKBps),
    /**
     * Photos of these pixels, as cameras and Unsplash make them, for the Process step to work on;
     * small ones (640 × 427) when absent. The CDN refuses pixels it cannot fit in `sizeKB`.
     */
    photoPixels: z
      .object({ width: within(PHOTO_SIDE), height: within(PHOTO_SIDE) })
      .strict()
      .optional()
  })
  .strict()
export type SimulatedSource = z.infer<typeof simulatedSourceSchema>

/**
 * The most one simulated source serves, count × size: 4 GiB, far above every
 * benchmark's list (the largest is 500 × 256 KiB) and far below what fills a disk
 * unnoticed (10,000 × 100 MiB is 977 GiB).
 */
export const MAX_SIMULATED_TOTAL_KB = 4 * 1024 * 1024

/** Why a simulated source is too large, or undefined when it is not. */
export function simulatedTotalProblem(source: {
  count: number
  sizeKB: number
}): string | undefined {
  const totalKB = source.count * source.sizeKB
  if (totalKB <= MAX_SIMULATED_TOTAL_KB) return undefined
  const gib = (kb: number): string => `${(kb / 1024 / 1024).toFixed(1)} GiB`
  return `the simulated source would serve ${gib(totalKB)} (${source.count} × ${source.sizeKB} KB), over its ${gib(MAX_SIMULATED_TOTAL_KB)} limit`
}

export const DEFAULT_SIMULATED_SOURCE: SimulatedSource = {
  count: 15,
  sizeKB: 3584,
  latencyMs: 150,
  bandwidthKBps: 20_480
}

/** Where a run's URLs come from. */
export const sourceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('urls'),
      urls: z.array(z.string().max(MAX_URL_LENGTH)).min(1).max(MAX_URLS),
      imageSize: imageSizeSchema.default('original')
    })
    .strict(),
  z
    .object({
      kind: z.literal('simulated'),
      simulated: simulatedSourceSchema.check((ctx) => {
        const problem = simulatedTotalProblem(ctx.value)
        if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value })
      })
    })
    .strict(),
  // Photos picked in the window's Unsplash search, by id: the service knows their URLs.
  z
    .object({
      kind: z.literal('unsplash'),
      photoIds: unsplashPickSchema,
      imageSize: imageSizeSchema.default('original')
    })
    .strict()
])
export type Source = z.infer<typeof sourceSchema>

export const downloadRequestSchema = z
  .object({
    strategy: strategySchema,
    concurrency: concurrencySchema,
    source: sourceSchema
  })
  // Strict: the page does not name the folder (main owns it), so a request that does is refused.
  .strict()
export type DownloadRequest = z.input<typeof downloadRequestSchema>

export const sleepRequestSchema = z
  .object({
    strategy: strategySchema,
    concurrency: concurrencySchema,
    seconds: z.array(z.number().min(0).max(60)).min(1).max(100),
    mode: sleepModeSchema,
    /** `completed`: as_completed, finishing order; `submitted`: map, input order. */
    order: z.enum(SLEEP_ORDERS)
  })
  .strict()
export type SleepRequest = z.infer<typeof sleepRequestSchema>

export const processKernelSchema = z.enum(PROCESS_KERNELS)

/** The processing step's knobs (the multiprocessing tutorial's GaussianBlur and thumbnail size). */
export const PROCESS_LIMITS = {
  blur: { min: 0, max: 100 },
  maxSize: { min: 16, max: 10_000 }
} as const

const processKnobs = {
  strategy: strategySchema,
  concurrency: concurrencySchema,
  kernel: processKernelSchema,
  blur: z.number().min(PROCESS_LIMITS.blur.min).max(PROCESS_LIMITS.blur.max),
  maxSize: within(PROCESS_LIMITS.maxSize)
}

/**
 * Process the images a download saved. The page names the run (by its id in the history), never
 * a folder or a file: the service reads the folder and the files from its own record of that run,
 * and writes into its `processed/` folder. Without `from`, the latest download that saved images.
 */
export const processRequestSchema = z
  .object({ ...processKnobs, from: z.string().min(1).max(100).optional() })
  .strict()
export type ProcessRequest = z.infer<typeof processRequestSchema>

/** Download and process: the download's request, and how its processing stage runs. */
export const pipelineRequestSchema = z
  .object({
    download: downloadRequestSchema,
    process: z.object(processKnobs).strict()
  })
  .strict()
export type PipelineRequest = z.input<typeof pipelineRequestSchema>

/** The processing view's settings, and whether the download side also processes (the pipeline). */
export const processSettingsSchema = z.object({ ...processKnobs, pipeline: z.boolean() }).strict()
export type ProcessSettings = z.infer<typeof processSettingsSchema>

export const stallSettingSchema = z
  .object({
    minSpeedKBps: z.number().int().min(0).max(1_000_000),
    seconds: z.number().int().min(1).max(3600)
  })
  .strict()

export const settingsSchema = z
  .object({
    outputDir: z.string().min(1).max(4096),
    strategy: strategySchema,
    concurrency: concurrencySchema,
    sourceKind: z.enum(['urls', 'simulated', 'unsplash']),
    urls: z.array(z.string().max(MAX_URL_LENGTH)).max(MAX_URLS),
    imageSize: imageSizeSchema,
    simulated: simulatedSourceSchema,
    /** A file already at an image's name (engine/files/finalize.ts); older settings files lack it. */
    existing: existingPolicySchema.default(DEFAULT_EXISTING_POLICY),
    /** The stall guard (engine/net/stall-guard.ts); DEFAULT_STALL_SETTING when absent. */
    stall: stallSettingSchema.optional(),
    /** The processing step (its view, and the download side's pipeline); defaults when absent. */
    processing: processSettingsSchema.optional()
  })
  .strict()
export type Settings = z.infer<typeof settingsSchema>
/**
 * What the page may change. The output folder is not among them: main sets it
 * from the folder dialog's answer or the default (output-folder-policy.ts).
 */
export const settingsPatchSchema = settingsSchema
  .omit({ outputDir: true })
  // Without its default: a patch that does not name it must not reset it.
  .extend({ existing: existingPolicySchema })
  .partial()
  .strict()
export type SettingsPatch = z.infer<typeof settingsPatchSchema>

/** A run's id as the history lists it (a UUID), sent back by Resume. */
export const runIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w-]+$/)

/** A path the renderer got from an event or the settings, sent back to act on. */
export const filePathSchema = z.string().min(1).max(4096)

/** The most the window sends about one error: it cuts the rest before sending. */
export const ERROR_REPORT_LIMITS = { message: 2_000, stack: 8_000 } as const

/**
 * An error in the window, as its error boundary or its `error` and
 * `unhandledrejection` listeners report it for the log. Strict and size-capped:
 * the page is not trusted, and a report is text for the log, nothing more.
 */
export const errorReportSchema = z
  .object({
    kind: z.enum(['render', 'error', 'unhandled-rejection']),
    message: z.string().max(ERROR_REPORT_LIMITS.message),
    stack: z.string().max(ERROR_REPORT_LIMITS.stack).optional()
  })
  .strict()
export type ErrorReport = z.infer<typeof errorReportSchema>
