import { basename, join, resolve } from 'node:path'
import { runDownloads } from '../../engine/run.ts'
import { runPipeline } from '../../engine/run-pipeline.ts'
import { runProcessing } from '../../engine/run-process.ts'
import type { RunSummary } from '../../engine/run-types.ts'
import { WorkerPool } from '../../engine/threads/worker-pool.ts'
import { concurrencyOf, parse, strategyOf } from '../args.ts'
import { pythonSeconds, table } from '../format.ts'
import { networkLimitsOf } from '../network.ts'
import { pipelineStages, pipelineStageOf } from '../pipeline.ts'
import { terminalProgress } from '../progress.ts'
import { verboseReporter } from '../verbose.ts'
import { abortOnInterrupt } from '../interrupt.ts'
import { downloadOptions } from './download.ts'
import { resolveSource } from './source.ts'
import { printJson } from '../print-json.ts'

/** One way of downloading and processing the list, as measured. */
interface Way {
  way: string
  saved: number
  processed: number
  total: number
  /** When the last download ended, ms from the start. */
  downloadsMs: number
  elapsedMs: number
}

const lastEnd = (summary: Pick<RunSummary, 'tasks'>): number =>
  Math.max(0, ...summary.tasks.map((task) => task.endMs ?? 0))

/**
 * `compare --pipeline`: the same list downloaded then processed (two runs, one after the other,
 * as the tutorials do), against the pipeline (each image processed as soon as it is saved, while
 * the others download). Each into its own folder: OUT/then-process/ and OUT/pipeline/.
 */
export async function comparePipelineCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, downloadOptions)
  const strategy = strategyOf(values)
  const concurrency = concurrencyOf(values)
  const stage = pipelineStageOf({ ...values, process: true })!
  const json = values.json === true
  const out = resolve(typeof values.out === 'string' ? values.out : 'images')
  const source = await resolveSource(values, positionals)
  for (const line of source.rejected) console.error(`skipped ${line}`)
  const interrupt = abortOnInterrupt()
  const verbose = verboseReporter(values.verbose === true)
  const limits = networkLimitsOf(values)
  // Threads are started before either way runs, and kept for both, as the app keeps them.
  const usesWorkers = strategy === 'workers' || stage.strategy === 'workers'
  const workerPool = new WorkerPool({ preloadDownloads: true, preloadProcess: true })
  const ways: Way[] = []
  let stopProgress = (): void => undefined
  /** A run's progress line and --verbose details; the line stops with stopProgress(). */
  const track = (): ((event: Parameters<typeof verbose>[0]) => void) => {
    const progress = terminalProgress(!json)
    stopProgress = () => progress.stop()
    return (event) => {
      progress.onEvent(event)
      verbose(event)
    }
  }
  try {
    if (usesWorkers) {
      // Downloads share at most ioThreads threads; each processing task keeps one of its own.
      const count = source.urls.length
      const downloads =
        strategy === 'workers' ? Math.min(count, concurrency, workerPool.ioThreads) : 0
      const processing =
        (stage.strategy ?? strategy) === 'workers'
          ? Math.min(count, stage.concurrency ?? concurrency)
          : 0
      await workerPool.warmUp(Math.max(downloads, processing))
    }
    const common = {
      strategy,
      concurrency,
      urls: source.urls,
      limits,
      signal: interrupt.signal,
      workerPool
    }
    if (!json) console.error('download, then process…')
    const started = performance.now()
    const thenDir = join(out, 'then-process')
    const downloaded = await runDownloads({ ...common, dir: thenDir, onEvent: track() })
    stopProgress()
    const downloadsMs = performance.now() - started
    const files = downloaded.tasks.flatMap((task) => (task.file ? [basename(task.file)] : []))
    const processed =
      files.length === 0 || interrupt.signal.aborted
        ? undefined
        : await runProcessing({
            strategy: stage.strategy ?? strategy,
            concurrency: stage.concurrency ?? concurrency,
            inDir: thenDir,
            files,
            kernel: stage.kernel,
            blur: stage.blur,
            maxSize: stage.maxSize,
            signal: interrupt.signal,
            workerPool,
            onEvent: track()
          })
    stopProgress()
    ways.push({
      way: 'download, then process',
      saved: downloaded.ok,
      processed: processed?.ok ?? 0,
      total: source.urls.length,
      downloadsMs,
      elapsedMs: performance.now() - started
    })
    if (!interrupt.signal.aborted) {
      if (!json) console.error('pipeline…')
      const summary = await runPipeline({
        ...common,
        dir: join(out, 'pipeline'),
        process: stage,
        onEvent: track()
      })
      stopProgress()
      const { downloads, processed: stageTasks } = pipelineStages(summary)
      const done = (tasks: RunSummary['tasks']): number =>
        tasks.filter((task) => task.status === 'done').length
      ways.push({
        way: 'pipeline',
        saved: done(downloads),
        processed: done(stageTasks),
        total: source.urls.length,
        downloadsMs: lastEnd({ tasks: downloads }),
        elapsedMs: summary.elapsedMs
      })
    }
  } finally {
    stopProgress()
    interrupt.dispose()
    await workerPool.close()
    await source.cdn?.close()
  }

  const first = ways[0]
  const ratio = (way: Way): number | null => (first ? way.elapsedMs / first.elapsedMs : null)
  if (json) {
    printJson({
      strategy,
      concurrency,
      process: stage,
      count: source.urls.length,
      ways: ways.map((way) => ({
        ...way,
        downloadsMs: Math.round(way.downloadsMs),
        elapsedMs: Math.round(way.elapsedMs),
        vsThenProcess: ratio(way)
      }))
    })
  } else {
    const rows = ways.map((way) => [
      way.way,
      `${way.saved}/${way.total}`,
      `${way.processed}/${way.total}`,
      pythonSeconds(way.downloadsMs),
      pythonSeconds(way.elapsedMs),
      `${(ratio(way) ?? 1).toFixed(2)}×`
    ])
    const header = ['way', 'saved', 'processed', 'downloads done s', 'total s', 'time vs then']
    console.log(table(header, rows))
  }
  const allDone = ways.length === 2 && ways.every((way) => way.processed === way.total)
  return interrupt.exitCode(allDone && source.rejected.length === 0 ? 0 : 1)
}
