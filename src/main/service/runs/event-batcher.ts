import type { RunEvent } from '../../../common/events.ts'

export interface EventBatcherOptions {
  /** Shortest time between two batches (the run-finished flush aside). */
  intervalMs: number
  deliver: (batch: RunEvent[]) => void
  now?: () => number
}

export interface EventBatcher {
  push(event: RunEvent): void
  /** Delivers what is pending now. */
  flush(): void
  dispose(): void
}

/**
 * Turns a stream of engine events into a few batches a second. Progress of a
 * task, and of a run's previews, is coalesced (only the latest counts); every
 * other event is kept, in order.
 */
export function createEventBatcher(options: EventBatcherOptions): EventBatcher {
  const now = options.now ?? (() => performance.now())
  let pending: (RunEvent | undefined)[] = []
  /** Where each task's pending progress event sits in `pending`. */
  const progressAt = new Map<string, number>()
  let timer: NodeJS.Timeout | undefined
  let lastFlush = -Infinity
  let disposed = false

  function flush(): void {
    if (timer) clearTimeout(timer)
    timer = undefined
    const batch = pending.filter((e): e is RunEvent => e !== undefined)
    pending = []
    progressAt.clear()
    if (batch.length === 0) return
    lastFlush = now()
    options.deliver(batch)
  }

  function push(event: RunEvent): void {
    if (disposed) return
    if (event.type === 'task-progress' || event.type === 'previews-progress') {
      const key =
        event.type === 'task-progress'
          ? `${event.runId}:${event.taskId}`
          : `${event.runId}:previews`
      const at = progressAt.get(key)
      // Drop the older one and append: the latest progress stays after whatever came before it.
      if (at !== undefined) pending[at] = undefined
      progressAt.set(key, pending.length)
    }
    pending.push(event)
    if (event.type === 'run-finished') return flush()
    if (!timer) timer = setTimeout(flush, Math.max(0, lastFlush + options.intervalMs - now()))
  }

  return {
    push,
    flush,
    dispose() {
      disposed = true
      if (timer) clearTimeout(timer)
      timer = undefined
      pending = []
      progressAt.clear()
    }
  }
}
