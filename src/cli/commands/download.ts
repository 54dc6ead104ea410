import { basename, resolve } from 'node:path'
import type { RunEvent } from '../../common/events.ts'
import { runDownloads } from '../../engine/run.ts'
import type { RunSummary } from '../../engine/run.ts'
import { concurrencyOf, parse, simulatedOptions, strategyOf, strategyOptions } from '../args.ts'
import type { Options } from '../args.ts'
import { pythonSeconds } from '../format.ts'
import { terminalProgress } from '../progress.ts'
import { resolveSource } from './source.ts'

export const downloadOptions = {
  ...strategyOptions,
  ...simulatedOptions,
  out: { type: 'string', short: 'o' },
  'urls-file': { type: 'string' },
  source: { type: 'string' }
} satisfies Options

/** Ctrl-C cancels the run: finished images stay, partial ones are removed. */
export function abortOnInterrupt(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController()
  const onSignal = (): void => controller.abort()
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  }
}

/** The shape of `download --json`. */
export function summaryJson(summary: RunSummary): object {
  const { strategy, concurrency, elapsedMs, ok, failed, cancelled, bytes } = summary
  return {
    strategy,
    concurrency,
    elapsedMs,
    ok,
    failed,
    cancelled,
    bytes,
    tasks: summary.tasks.map((task) => ({
      url: task.label,
      file: task.file ?? null,
      status: task.status,
      bytes: task.bytes,
      startMs: task.startMs,
      endMs: task.endMs,
      lane: task.lane,
      ...(task.error ? { error: task.error } : {})
    }))
  }
}

/** Prints the tutorial's lines as events arrive. */
export function printDownloadEvent(event: RunEvent, names: Map<number, string>): void {
  if (event.type === 'run-started') {
    for (const task of event.tasks) names.set(task.taskId, task.fileName ?? task.label)
  } else if (event.type === 'task-finished') {
    console.log(`${basename(event.file ?? names.get(event.taskId) ?? '')} was downloaded...`)
  } else if (event.type === 'task-failed') {
    console.error(`${names.get(event.taskId)} failed: ${event.code}: ${event.message}`)
  } else if (event.type === 'task-retry') {
    console.error(
      `${names.get(event.taskId)}: ${event.message}; retry ${event.attempt - 1} in ${event.delayMs} ms`
    )
  }
}

export async function downloadCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, downloadOptions)
  const strategy = strategyOf(values)
  const concurrency = concurrencyOf(values)
  const json = values.json === true
  const dir = resolve(typeof values.out === 'string' ? values.out : 'images')
  const source = await resolveSource(values, positionals)
  for (const line of source.rejected) console.error(`skipped ${line}`)
  const interrupt = abortOnInterrupt()
  const progress = terminalProgress(!json)
  const names = new Map<number, string>()
  try {
    const summary = await runDownloads({
      strategy,
      concurrency,
      urls: source.urls,
      dir,
      signal: interrupt.signal,
      onEvent: (event) => {
        progress.onEvent(event)
        if (!json) printDownloadEvent(event, names)
      }
    })
    progress.stop()
    if (json) console.log(JSON.stringify(summaryJson(summary)))
    else {
      if (summary.failed + summary.cancelled > 0) {
        console.error(
          `${summary.ok} saved, ${summary.failed} failed, ${summary.cancelled} cancelled`
        )
      }
      console.log(`Finished in ${pythonSeconds(summary.elapsedMs)} second(s)`)
    }
    return summary.ok === summary.tasks.length && source.rejected.length === 0 ? 0 : 1
  } finally {
    progress.stop()
    interrupt.dispose()
    await source.cdn?.close()
  }
}
