import { join } from 'node:path'
import { DEFAULT_PROCESSING, PROCESS_KERNELS, STRATEGIES } from '../../common/defaults.ts'
import { runProcessing } from '../../engine/run-process.ts'
import type { ProcessSummary } from '../../engine/run-process.ts'
import { WorkerPool } from '../../engine/threads/worker-pool.ts'
import { parse, UsageError } from '../args.ts'
import { pythonSeconds, table, threadStartLine } from '../format.ts'
import { processSummaryJson } from '../process-json.ts'
import { terminalProgress } from '../progress.ts'
import { verboseReporter } from '../verbose.ts'
import { abortOnInterrupt } from '../interrupt.ts'
import { processOptions, processPlanOf } from './process.ts'
import { printJson } from '../print-json.ts'

interface Measured {
  summary: ProcessSummary
  /** CPU time of the whole process (every thread, libuv's too) during the run. */
  cpuMs: number
}

/**
 * `compare --process`: every kernel × strategy over the same folder, each into its own folder
 * (`processed/sharp-pool/`...), then a table whose times are against that kernel's sequential
 * run, with the CPU each used: the lesson is which strategies overlap which kernel.
 */
export async function compareProcessCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, processOptions)
  if (positionals.length > 0) {
    throw new UsageError(`compare --process takes a folder with --in, not "${positionals[0]}"`)
  }
  for (const name of ['strategy', 'kernel'] as const) {
    if (values[name] !== undefined) {
      console.error(`compare --process runs every ${name}; --${name} is ignored`)
    }
  }
  const plan = await processPlanOf({ ...values, kernel: undefined })
  const outRoot = plan.outDir ?? join(plan.inDir, DEFAULT_PROCESSING.folderName)
  const interrupt = abortOnInterrupt()
  const verbose = verboseReporter(plan.verbose)
  const runs: Measured[] = []
  // Threads started once and kept, as the app keeps them; their start is said apart.
  const workerPool = new WorkerPool({ preloadProcess: true })
  const threads = Math.max(1, Math.min(plan.concurrency, plan.count))
  let threadStartMs: number | null = null
  try {
    for (const kernel of PROCESS_KERNELS) {
      for (const strategy of STRATEGIES) {
        if (interrupt.signal.aborted) break
        if (!plan.json) console.error(`${kernel} ${strategy}…`)
        if (strategy === 'workers' && threadStartMs === null) {
          const started = performance.now()
          await workerPool.warmUp(threads)
          threadStartMs = Math.round(performance.now() - started)
        }
        const progress = terminalProgress(!plan.json)
        const cpu = process.cpuUsage()
        try {
          const summary = await runProcessing({
            strategy,
            concurrency: plan.concurrency,
            inDir: plan.inDir,
            outDir: join(outRoot, `${kernel}-${strategy}`),
            kernel,
            blur: plan.blur,
            maxSize: plan.maxSize,
            signal: interrupt.signal,
            workerPool,
            onEvent: (event) => {
              progress.onEvent(event)
              verbose(event)
            }
          })
          const used = process.cpuUsage(cpu)
          runs.push({ summary, cpuMs: (used.user + used.system) / 1000 })
        } finally {
          progress.stop()
        }
      }
    }
  } finally {
    interrupt.dispose()
    await workerPool.close()
  }

  const sequentialMs = (run: ProcessSummary): number | undefined =>
    runs.find((r) => r.summary.kernel === run.kernel && r.summary.strategy === 'sequential')
      ?.summary.elapsedMs
  const ratio = (run: ProcessSummary): number | null => {
    const sequential = sequentialMs(run)
    return sequential ? run.elapsedMs / sequential : null
  }
  if (plan.json) {
    printJson({
      concurrency: plan.concurrency,
      count: plan.count,
      blur: plan.blur,
      maxSize: plan.maxSize,
      threadStartMs,
      runs: runs.map(({ summary, cpuMs }) => ({
        ...processSummaryJson(summary, plan.inDir),
        cpuMs: Math.round(cpuMs),
        vsSequential: ratio(summary)
      }))
    })
  } else {
    const rows = runs.map(({ summary, cpuMs }) => {
      const value = ratio(summary)
      return [
        summary.kernel,
        summary.strategy,
        String(summary.concurrency),
        `${summary.ok}/${summary.tasks.length}`,
        pythonSeconds(summary.elapsedMs),
        (summary.ok / (summary.elapsedMs / 1000)).toFixed(2),
        (cpuMs / 1000).toFixed(2),
        (cpuMs / Math.max(1, summary.elapsedMs)).toFixed(2),
        value === null ? '-' : `${value.toFixed(2)}×`
      ]
    })
    const header = [
      'kernel',
      'strategy',
      'concurrency',
      'processed',
      'seconds',
      'images/s',
      'cpu s',
      'cores busy',
      'time vs sequential'
    ]
    console.log(table(header, rows))
    if (threadStartMs !== null) console.log(threadStartLine(threads, threadStartMs))
  }
  const allDone = runs.every(({ summary }) => summary.ok === summary.tasks.length)
  return interrupt.exitCode(allDone ? 0 : 1)
}
