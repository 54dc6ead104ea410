import { join, resolve } from 'node:path'
import { STRATEGIES } from '../../common/defaults.ts'
import { runDownloads } from '../../engine/run.ts'
import { WorkerPool } from '../../engine/threads/worker-pool.ts'
import type { RunSummary } from '../../engine/run.ts'
import { concurrencyOf, parse, UsageError } from '../args.ts'
import { formatBytes, pythonSeconds, table, threadStartLine } from '../format.ts'
import { networkLimitsOf } from '../network.ts'
import { pipelineStageOf } from '../pipeline.ts'
import { terminalProgress } from '../progress.ts'
import { verboseReporter } from '../verbose.ts'
import { abortOnInterrupt } from '../interrupt.ts'
import { summaryJson } from '../download-json.ts'
import { downloadOptions } from './download.ts'
import { idealMs, resolveSource } from './source.ts'
import { printJson } from '../print-json.ts'

/**
 * The same list with each strategy, then a table of times and speedups; with `--process`, each
 * strategy × kernel over a folder (compare-process.ts); with `--pipeline`, download then
 * process against the pipeline (compare-pipeline.ts).
 */
export async function compareCommand(argv: string[]): Promise<number> {
  const options = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv
  const overFolder = options.includes('--process')
  if (overFolder && options.includes('--pipeline')) {
    throw new UsageError('give --process (a folder) or --pipeline (a download), not both')
  }
  if (overFolder || options.includes('--pipeline')) {
    const flag = overFolder ? '--process' : '--pipeline'
    const rest = argv.filter((_, index) => index !== argv.indexOf(flag))
    return overFolder
      ? (await import('./compare-process.ts')).compareProcessCommand(rest)
      : (await import('./compare-pipeline.ts')).comparePipelineCommand(rest)
  }
  const { values, positionals } = parse(argv, downloadOptions)
  // --kernel and such are the processing's: bad usage here, not silently ignored.
  pipelineStageOf(values)
  if (values.strategy !== undefined)
    console.error('compare runs every strategy; --strategy is ignored')
  const concurrency = concurrencyOf(values)
  const json = values.json === true
  const out = resolve(typeof values.out === 'string' ? values.out : 'images')
  const source = await resolveSource(values, positionals)
  for (const line of source.rejected) console.error(`skipped ${line}`)
  const interrupt = abortOnInterrupt()
  const verbose = verboseReporter(values.verbose === true)
  const runs: RunSummary[] = []
  // As the app keeps its threads across runs, compare times the workers on started
  // threads and says apart what starting them cost.
  const workerPool = new WorkerPool({ preloadDownloads: true })
  let threadStartMs: number | null = null
  // The threads the workers run uses: no more than images (a run of 15 never starts a 16th),
  // and downloads share at most the pool's I/O threads (one a core), not one a lane.
  const threads = Math.max(1, Math.min(concurrency, source.urls.length, workerPool.ioThreads))
  try {
    for (const strategy of STRATEGIES) {
      if (interrupt.signal.aborted) break
      if (!json) console.error(`${strategy}…`)
      if (strategy === 'workers') {
        const started = performance.now()
        await workerPool.warmUp(threads)
        threadStartMs = Math.round(performance.now() - started)
      }
      const progress = terminalProgress(!json)
      runs.push(
        await runDownloads({
          strategy,
          concurrency,
          urls: source.urls,
          dir: join(out, strategy),
          limits: networkLimitsOf(values),
          signal: interrupt.signal,
          onEvent: (event) => {
            progress.onEvent(event)
            verbose(event)
          },
          workerPool
        })
      )
      progress.stop()
    }
  } finally {
    interrupt.dispose()
    await workerPool.close()
    await source.cdn?.close()
  }
  const sequential = runs.find((run) => run.strategy === 'sequential')
  const ideal = (run: RunSummary): number | undefined =>
    source.simulated ? idealMs(source.simulated, run.concurrency) : undefined
  if (json) {
    printJson({
      concurrency,
      count: source.urls.length,
      threadStartMs,
      runs: runs.map((run) => ({ ...summaryJson(run), idealMs: ideal(run) ?? null }))
    })
  } else {
    const rows = runs.map((run) => {
      const seconds = run.elapsedMs / 1000
      const idealTime = ideal(run)
      return [
        run.strategy,
        String(run.concurrency),
        `${run.ok}/${run.tasks.length}`,
        pythonSeconds(run.elapsedMs),
        (run.ok / seconds).toFixed(2),
        formatBytes(run.bytes / seconds) + '/s',
        sequential ? `${(sequential.elapsedMs / run.elapsedMs).toFixed(2)}×` : '-',
        ...(idealTime !== undefined
          ? [pythonSeconds(idealTime), `${(run.elapsedMs / idealTime).toFixed(3)}`]
          : [])
      ]
    })
    const header = [
      'strategy',
      'concurrency',
      'saved',
      'seconds',
      'images/s',
      'throughput',
      'speedup'
    ]
    if (source.simulated) header.push('ideal s', 'vs ideal')
    console.log(table(header, rows))
    if (threadStartMs !== null) console.log(threadStartLine(threads, threadStartMs))
  }
  const allSaved = runs.every((run) => run.ok === run.tasks.length)
  return interrupt.exitCode(allSaved && source.rejected.length === 0 ? 0 : 1)
}
