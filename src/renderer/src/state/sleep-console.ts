import type { RunFinishedEvent } from '../../../common/events.ts'
import { pythonRound2 } from './format.ts'
import type { ConsoleLine, RunView, TaskView } from './run-view.ts'

/*
 * The sleep demo's console: the lines the tutorial's script prints, in the order it prints them. The
 * reducer calls these as a sleep's events arrive; a download run has no console.
 */

/** `Sleeping 1.5 second(s)...` when a sleep starts. */
export function printStarted(run: RunView, task: TaskView, t: number): void {
  print(run, t, `Sleeping ${task.seconds} second(s)...`, 'start')
}

/** The lines still due at the run's end, then its `Finished in` summary. */
export function printFinished(run: RunView, event: RunFinishedEvent): void {
  printResults(run, null)
  print(run, event.t, `Finished in ${pythonRound2(event.elapsedMs / 1000)} second(s)`, 'summary')
}

function isSettled(task: TaskView): boolean {
  return task.status === 'done' || task.status === 'failed' || task.status === 'cancelled'
}

/** Prints a settled sleep's line: at once for as_completed; for map, in input order. */
export function printResults(run: RunView, task: TaskView | null): void {
  if (run.order === 'completed') {
    if (task) printResult(run, task)
    return
  }
  // map yields a result only once every result before it is in; at the end, the rest go out.
  while (run.nextResult < run.tasks.length) {
    const next = run.tasks[run.nextResult]
    if (!next) break
    if (isSettled(next)) printResult(run, next)
    else if (task) break
    run.nextResult++
  }
}

function printResult(run: RunView, task: TaskView): void {
  if (task.status === 'done') print(run, run.lastT, task.message ?? '', 'result')
  else if (task.status === 'cancelled') print(run, run.lastT, `Cancelled: ${task.label}`, 'error')
  else print(run, run.lastT, `Error: ${task.label}: ${task.error?.message ?? 'failed'}`, 'error')
}

function print(run: RunView, t: number, text: string, tone: ConsoleLine['tone']): void {
  run.console.push({ id: run.console.length, t, text, tone })
}
