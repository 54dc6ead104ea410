import { SLEEP_ORDERS } from '../../common/defaults.ts'
import type { SleepOrder } from '../../common/defaults.ts'
import { runSleep } from '../../engine/run.ts'
import {
  concurrencyOf,
  modeOf,
  oneOf,
  parse,
  strategyOf,
  strategyOptions,
  UsageError
} from '../args.ts'
import { pythonSeconds } from '../format.ts'
import { verboseReporter } from '../verbose.ts'
import { abortOnInterrupt } from '../interrupt.ts'
import { printJson } from '../print-json.ts'

export const sleepOptions = {
  ...strategyOptions,
  mode: { type: 'string', short: 'm' },
  order: { type: 'string' }
} satisfies Parameters<typeof parse>[1]

/** The tutorial's do_something(seconds), run with a strategy: `sleep 5 4 3 2 1`. */
export async function sleepCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, sleepOptions)
  if (positionals.length === 0)
    throw new UsageError('give one or more durations in seconds, e.g. sleep 1 1')
  const seconds = positionals.map((text) => {
    const value = Number(text)
    if (!/^\d+(\.\d+)?$/.test(text) || value > 60) {
      throw new UsageError(`durations are seconds from 0 to 60; got "${text}"`)
    }
    return value
  })
  const strategy = strategyOf(values)
  const concurrency = concurrencyOf(values)
  const mode = modeOf(values)
  const order = oneOf('order', values.order, SLEEP_ORDERS, 'completed')
  const json = values.json === true
  const interrupt = abortOnInterrupt()
  const verbose = verboseReporter(values.verbose === true)
  const print = resultPrinter(order, seconds.length)
  try {
    const summary = await runSleep({
      strategy,
      concurrency,
      seconds,
      mode,
      order,
      signal: interrupt.signal,
      onEvent: (event) => {
        verbose(event)
        if (json) return
        if (event.type === 'task-started')
          console.log(`Sleeping ${seconds[event.taskId]} second(s)...`)
        else if (event.type === 'task-finished') print(event.taskId, event.message ?? '')
        else if (event.type === 'task-failed') print(event.taskId, undefined)
      }
    })
    if (json) {
      const { elapsedMs, results, tasks } = summary
      printJson({
        strategy,
        mode,
        order,
        concurrency: summary.concurrency,
        elapsedMs,
        results: results.map((result) => result.message),
        tasks: tasks.map(({ label, status, startMs, endMs, lane }) => ({
          label,
          status,
          startMs,
          endMs,
          lane
        }))
      })
    } else console.log(`Finished in ${pythonSeconds(summary.elapsedMs)} second(s)`)
    return interrupt.exitCode(summary.ok === seconds.length ? 0 : 1)
  } finally {
    interrupt.dispose()
  }
}

/**
 * Prints results as the tutorial reads them: as_completed prints each as it
 * ends; map prints in input order, each once those before it are in.
 */
function resultPrinter(
  order: SleepOrder,
  count: number
): (taskId: number, message: string | undefined) => void {
  if (order === 'completed') return (_taskId, message) => message && console.log(message)
  const settled = new Map<number, string | undefined>()
  let next = 0
  return (taskId, message) => {
    settled.set(taskId, message)
    for (; next < count && settled.has(next); next++) {
      const line = settled.get(next)
      if (line) console.log(line)
    }
  }
}
