import { CancelledError } from '../task-error.ts'
import type { TaskContext } from '../tasks/types.ts'

/** How long a kernel computes before it lets the thread's other work (a cancel, an event) in. */
const SLICE_MS = 50
const PROGRESS_INTERVAL_MS = 100

/**
 * The JavaScript kernel's loop over rows, one pass after another. Between rows it looks
 * at the stop cell (set from another thread when it runs in a worker: the only way to
 * reach a thread that computes) and the signal, and throws the engine's cancel error.
 * Every 50 ms it gives the thread back for a moment, so that on the main thread a cancel
 * is heard and other tasks take their turn: they interleave, as Python threads do under
 * the GIL, and never compute at the same time. Progress is the bytes of pixels through
 * the passes so far, out of all of them.
 */
export class RowRunner {
  private done = 0
  private sliceStart = performance.now()
  private lastNotice = -Infinity
  private readonly context: TaskContext
  private readonly total: number

  constructor(context: TaskContext, total: number) {
    this.context = context
    this.total = total
  }

  stopped(): boolean {
    const cell = this.context.stopCell
    return (cell !== undefined && Atomics.load(cell, 0) !== 0) || this.context.signal.aborted
  }

  throwIfStopped(): void {
    if (this.stopped()) throw new CancelledError()
  }

  /** Runs `step` for rows 0 to `rows - 1`, in order; `rowBytes` counts toward the progress. */
  async run(rows: number, rowBytes: number, step: (y: number) => void): Promise<void> {
    for (let y = 0; y < rows; y++) {
      this.throwIfStopped()
      step(y)
      this.done += rowBytes
      const now = performance.now()
      if (now - this.lastNotice >= PROGRESS_INTERVAL_MS) {
        this.lastNotice = now
        this.context.notify({ type: 'progress', bytes: this.done, total: this.total })
      }
      if (now - this.sliceStart >= SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve))
        this.sliceStart = performance.now()
      }
    }
  }

  /** The last progress notice: every pass done. */
  finish(): void {
    this.context.notify({ type: 'progress', bytes: this.total, total: this.total })
  }
}
