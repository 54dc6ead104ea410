import type { RunEvent } from '../../../common/events.ts'
import { createEventBatcher } from './event-batcher.ts'
import type { RunEnded } from './run-controller.ts'

export interface RunEventHubOptions {
  /** Shortest time between two event batches. */
  intervalMs: number
  /** A run's share done (0..1), or null with its totals once it has ended. */
  onRunProgress?: (fraction: number | null, runEnded?: RunEnded) => void
  log: (message: string) => void
}

/** Where a run's events go: batched, to every listener, with the run's progress beside them. */
export interface RunEventHub {
  push(event: RunEvent): void
  /** Adds a listener of event batches; returns its removal. */
  listen(listener: (batch: RunEvent[]) => void): () => void
  /** The run has ended and its record is written: the progress bar goes. */
  runEnded(ended: RunEnded): void
  /** Delivers what is pending, then stops: no batch is delivered after. */
  dispose(): void
}

export function createRunEventHub(options: RunEventHubOptions): RunEventHub {
  const listeners = new Set<(batch: RunEvent[]) => void>()
  // The running run's tasks and how many have settled, read from its own events; null between runs.
  let run: { total: number; settled: number } | null = null
  let lastFraction: number | null = null
  const batcher = createEventBatcher({
    intervalMs: options.intervalMs,
    deliver(batch) {
      for (const listener of listeners) {
        try {
          listener(batch)
        } catch (error) {
          options.log(`run event listener: ${(error as Error).message}`)
        }
      }
      const fraction = run && (run.total === 0 ? 0 : run.settled / run.total)
      if (fraction !== null && fraction !== lastFraction) options.onRunProgress?.(fraction)
      lastFraction = fraction
    }
  })
  return {
    push(event) {
      if (event.type === 'run-started') run = { total: event.tasks.length, settled: 0 }
      else if (run && (event.type === 'task-finished' || event.type === 'task-failed'))
        run.settled++
      batcher.push(event)
      // run-finished is delivered at once, with the run's last share; after it, none runs.
      if (event.type === 'run-finished') run = null
    },
    listen(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    runEnded(ended) {
      lastFraction = null
      options.onRunProgress?.(null, ended)
    },
    dispose() {
      batcher.flush()
      batcher.dispose()
      listeners.clear()
    }
  }
}
