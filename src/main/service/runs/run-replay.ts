import type { RunEvent } from '../../../common/events.ts'

/**
 * The events of the run going on now, kept so that a window that loads in the
 * middle of it (a reload after a crash, or a window reopened on macOS) can
 * replay them and draw the run as if it had watched from the start. A task's
 * progress (and the CPU gauge) is kept as its latest event only, so a run of
 * 10,000 images keeps a few events per image. The run's events are dropped when the next run starts;
 * a finished run stays until then (its tiles are history's too, but the page
 * that reloads shows it as the last run).
 */
export function createRunReplay(): {
  push(batch: readonly RunEvent[]): void
  /** The current (or last) run's events, in order; empty before the first run. */
  events(): RunEvent[]
  /** A run has started and not finished. */
  running(): boolean
} {
  let events: RunEvent[] = []
  /** Where each task's latest progress event sits in `events`. */
  const progressAt = new Map<string, number>()
  let running = false
  return {
    push(batch) {
      for (const event of batch) {
        if (event.type === 'run-started') {
          events = []
          progressAt.clear()
          running = true
        } else if (events.length === 0 || events[0]!.runId !== event.runId) {
          // An event of a run this replay did not see start: nothing to attach it to.
          continue
        }
        if (event.type === 'run-finished') running = false
        if (
          event.type === 'task-progress' ||
          event.type === 'previews-progress' ||
          event.type === 'cpu-sample'
        ) {
          const key = `${event.type}:${'taskId' in event ? event.taskId : ''}`
          const at = progressAt.get(key)
          if (at !== undefined) {
            events[at] = event
            continue
          }
          progressAt.set(key, events.length)
        }
        events.push(event)
      }
    },
    events: () => [...events],
    running: () => running
  }
}
