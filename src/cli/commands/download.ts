import { resolve } from 'node:path'
import { runDownloads } from '../../engine/run.ts'
import type { DownloadRunOptions } from '../../engine/run-types.ts'
import { DEFAULT_EXISTING_POLICY, EXISTING_POLICIES } from '../../common/defaults.ts'
import {
  concurrencyOf,
  oneOf,
  parse,
  simulatedOptions,
  strategyOf,
  strategyOptions,
  UsageError
} from '../args.ts'
import type { Options } from '../args.ts'
import { pythonSeconds } from '../format.ts'
import { networkLimitsOf, networkOptions } from '../network.ts'
import { terminalProgress } from '../progress.ts'
import { pipelineJson, pipelineOptions, pipelineStageOf, pipelineTally } from '../pipeline.ts'
import { tutorialLines } from '../run-lines.ts'
import { verboseReporter } from '../verbose.ts'
import { abortOnInterrupt } from '../interrupt.ts'
import { summaryJson } from '../download-json.ts'
import { unsplashOptions } from '../unsplash-flags.ts'
import { resolveSource } from './source.ts'
import { printJson } from '../print-json.ts'

export const downloadOptions = {
  ...strategyOptions,
  ...simulatedOptions,
  ...networkOptions,
  out: { type: 'string', short: 'o' },
  existing: { type: 'string' },
  'urls-file': { type: 'string' },
  source: { type: 'string' },
  ...unsplashOptions,
  unsplash: { type: 'string' },
  ...pipelineOptions
} satisfies Options

export async function downloadCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, downloadOptions)
  const pipeline = pipelineStageOf(values)
  if (pipeline && values.unsplash !== undefined) {
    throw new UsageError(
      '--process does not take --unsplash: process its folder after, with process'
    )
  }
  if (typeof values.unsplash === 'string') {
    const { downloadUnsplashCommand } = await import('./download-unsplash.ts')
    return downloadUnsplashCommand(values, values.unsplash)
  }
  const strategy = strategyOf(values)
  const concurrency = concurrencyOf(values)
  const existing = oneOf('existing', values.existing, EXISTING_POLICIES, DEFAULT_EXISTING_POLICY)
  const json = values.json === true
  const dir = resolve(typeof values.out === 'string' ? values.out : 'images')
  const source = await resolveSource(values, positionals)
  for (const line of source.rejected) console.error(`skipped ${line}`)
  const interrupt = abortOnInterrupt()
  const progress = terminalProgress(!json)
  const verbose = verboseReporter(values.verbose === true)
  const lines = tutorialLines()
  try {
    const options: DownloadRunOptions = {
      strategy,
      concurrency,
      urls: source.urls,
      dir,
      existing,
      limits: networkLimitsOf(values),
      signal: interrupt.signal,
      onEvent: (event) => {
        progress.onEvent(event)
        verbose(event)
        if (!json) lines(event)
      }
    }
    // The pipeline's code (and sharp) loads only for --process.
    const summary = pipeline
      ? await (
          await import('../../engine/run-pipeline.ts')
        ).runPipeline({
          ...options,
          process: pipeline
        })
      : await runDownloads(options)
    progress.stop()
    if (json) {
      const download = summaryJson(summary)
      printJson(pipeline ? pipelineJson(download, summary, pipeline, dir) : download)
    } else {
      const unfinished = pipeline
        ? pipelineTally(summary)
        : summary.failed + summary.cancelled > 0
          ? `${summary.ok} saved, ${summary.failed} failed, ${summary.cancelled} cancelled`
          : undefined
      if (unfinished) console.error(unfinished)
      console.log(`Finished in ${pythonSeconds(summary.elapsedMs)} second(s)`)
    }
    return interrupt.exitCode(
      summary.ok === summary.tasks.length && source.rejected.length === 0 ? 0 : 1
    )
  } finally {
    progress.stop()
    interrupt.dispose()
    await source.cdn?.close()
  }
}
