import { basename } from 'node:path'
import type { RunEvent } from '../common/events.ts'
import { formatBytes, pythonSeconds } from './format.ts'

/**
 * `--verbose`: every retry, and each task's lane and times, on stderr (stdout
 * keeps the tutorial's lines and --json). Off, it prints nothing.
 */
export function verboseReporter(enabled: boolean): (event: RunEvent) => void {
  if (!enabled) return () => undefined
  // By task id; a task's start is let go once it has ended.
  let names: string[] = []
  const started = new Map<number, { t: number; lane: number; thread?: number }>()
  const print = (line: string): void => {
    // A progress line may be drawn on a terminal: clear it first.
    process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[2K' : ''}${line}\n`)
  }
  const timing = (taskId: number, t: number): string => {
    const start = started.get(taskId)
    started.delete(taskId)
    if (!start) return 'never started'
    const ms = (value: number): number => Math.round(value)
    // On worker threads, the thread that carried it: downloads share a few.
    const thread = start.thread === undefined ? '' : ` (thread ${start.thread})`
    return `lane ${start.lane}${thread}, ${ms(start.t)}–${ms(t)} ms (${ms(t - start.t)} ms)`
  }
  return (event) => {
    switch (event.type) {
      case 'run-started':
        names = []
        started.clear()
        for (const task of event.tasks) names[task.taskId] = task.fileName ?? task.label
        print(
          `run: ${event.tasks.length} task(s), ${event.strategy}, concurrency ${event.concurrency}` +
            (event.kernel
              ? `, kernel ${event.kernel}, blur ${event.blur}, max ${event.maxSize} px`
              : '')
        )
        break
      case 'task-started':
        started.set(event.taskId, { t: event.t, lane: event.lane, thread: event.thread })
        break
      case 'task-retry':
        print(
          `${names[event.taskId]}: ${event.code}: ${event.message}; attempt ${event.attempt} in ${event.delayMs} ms`
        )
        break
      case 'task-finished': {
        const pixels = event.width === undefined ? '' : `, ${event.width}×${event.height}`
        const size = (event.bytes === undefined ? '' : `, ${formatBytes(event.bytes)}`) + pixels
        const name = event.file ? basename(event.file) : names[event.taskId]
        print(`${name}: ${timing(event.taskId, event.t)}${size}`)
        break
      }
      case 'task-failed':
        print(`${names[event.taskId]}: ${event.code}, ${timing(event.taskId, event.t)}`)
        break
      case 'run-finished':
        print(
          `run: ${event.ok} ok, ${event.failed} failed, ${event.cancelled} cancelled in ${pythonSeconds(event.elapsedMs)} s`
        )
        break
      default:
        // Byte progress and thumbnails are the progress line's, not details.
        break
    }
  }
}
