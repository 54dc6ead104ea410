import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { runProcessing } from '../../engine/run-process.ts'
import type { ProcessSummary } from '../../engine/run-process.ts'
import { listImages } from '../../engine/process/list-images.ts'
import { parse, strategyOf, strategyOptions, UsageError } from '../args.ts'
import type { Options } from '../args.ts'
import { pythonSeconds } from '../format.ts'
import { kernelOptions, kernelSettingsOf, processConcurrencyOf } from '../process-args.ts'
import type { KernelSettings } from '../process-args.ts'
import { processSummaryJson } from '../process-json.ts'
import { terminalProgress } from '../progress.ts'
import { tutorialLines } from '../run-lines.ts'
import { verboseReporter } from '../verbose.ts'
import { abortOnInterrupt } from '../interrupt.ts'
import { printJson } from '../print-json.ts'

export const processOptions = {
  ...strategyOptions,
  ...kernelOptions,
  in: { type: 'string', short: 'i' },
  out: { type: 'string', short: 'o' }
} satisfies Options

/** A processing command's folders and knobs, checked before anything runs. */
export interface ProcessPlan extends KernelSettings {
  inDir: string
  /** Undefined: `processed/` inside `inDir`. */
  outDir?: string
  concurrency: number
  json: boolean
  verbose: boolean
  /** How many images the folder holds. */
  count: number
}

/**
 * The folders and knobs of `process` and `compare --process`. `--in` is the download's
 * folder by default (`./images`): a folder that cannot be read, holds no image, or is also
 * `--out` is bad usage, told before anything is written.
 */
export async function processPlanOf(values: Record<string, unknown>): Promise<ProcessPlan> {
  const inDir = resolve(typeof values.in === 'string' ? values.in : 'images')
  const outDir = typeof values.out === 'string' ? resolve(values.out) : undefined
  const settings = kernelSettingsOf(values)
  const concurrency = processConcurrencyOf(values.concurrency)
  const isFolder = await stat(inDir).then(
    (info) => info.isDirectory(),
    () => false
  )
  if (!isFolder) throw new UsageError(`--in ${inDir} is not a folder (download into it first)`)
  if (outDir === inDir) {
    throw new UsageError('--out must not be --in: the blurred copies would take the photos’ names')
  }
  let count: number
  try {
    count = (await listImages(inDir)).length
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (count === 0) {
    throw new UsageError(`no image in ${inDir} (files named .jpg, .jpeg, .png, .webp and such)`)
  }
  return {
    ...settings,
    inDir,
    ...(outDir ? { outDir } : {}),
    concurrency,
    json: values.json === true,
    verbose: values.verbose === true,
    count
  }
}

/** The multiprocessing tutorial's process-images.py over a folder: `process --kernel js --strategy workers`. */
export async function processCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, processOptions)
  if (positionals.length > 0) {
    throw new UsageError(`process takes a folder with --in, not "${positionals[0]}"`)
  }
  const strategy = strategyOf(values)
  const plan = await processPlanOf(values)
  const interrupt = abortOnInterrupt()
  const progress = terminalProgress(!plan.json)
  const verbose = verboseReporter(plan.verbose)
  const lines = tutorialLines()
  let summary: ProcessSummary
  try {
    summary = await runProcessing({
      strategy,
      concurrency: plan.concurrency,
      inDir: plan.inDir,
      ...(plan.outDir ? { outDir: plan.outDir } : {}),
      kernel: plan.kernel,
      blur: plan.blur,
      maxSize: plan.maxSize,
      signal: interrupt.signal,
      onEvent: (event) => {
        progress.onEvent(event)
        verbose(event)
        if (!plan.json) lines(event)
      }
    })
  } finally {
    progress.stop()
    interrupt.dispose()
  }
  if (plan.json) printJson(processSummaryJson(summary, plan.inDir))
  else {
    if (summary.failed + summary.cancelled > 0) {
      console.error(
        `${summary.ok} processed, ${summary.failed} failed, ${summary.cancelled} cancelled`
      )
    }
    console.log(`Finished in ${pythonSeconds(summary.elapsedMs)} second(s)`)
  }
  return interrupt.exitCode(summary.ok === summary.tasks.length ? 0 : 1)
}
