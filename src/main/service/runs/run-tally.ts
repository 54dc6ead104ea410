import type { RunEvent, RunFinishedEvent } from '../../../common/events.ts'
import type { RunSummary } from '../../../engine/run.ts'

/**
 * What one run has settled so far, from its own events: its share done, and its
 * totals when the engine stops without a summary of its own.
 */
export class RunTally {
  ok = 0
  failed = 0
  cancelled = 0
  bytes = 0
  settled = 0
  /** The engine's run-finished, held until the run's record is written. */
  finished: RunFinishedEvent | undefined

  readonly total: number

  constructor(total: number) {
    this.total = total
  }

  /** Counts a task that settled; keeps run-finished, which the caller holds back. */
  note(event: RunEvent): void {
    switch (event.type) {
      case 'run-finished':
        this.finished = event
        break
      case 'task-finished':
        this.settled++
        this.ok++
        this.bytes += event.bytes ?? 0
        break
      case 'task-failed':
        this.settled++
        if (event.code === 'cancelled') this.cancelled++
        else this.failed++
        break
      default:
        // Lanes, progress, retries and thumbnails change no tally: they only pass on.
        break
    }
  }

  /** Share of the run's tasks that are settled (0..1). */
  fraction(): number {
    return this.total === 0 ? 0 : this.settled / this.total
  }

  /**
   * The run's end: the engine's own run-finished, or one made from the tally when
   * the engine stopped without it, where a task that never settled counts as failed.
   */
  end(
    runId: string,
    t: number,
    summary: RunSummary | undefined,
    elapsedMs: number
  ): RunFinishedEvent {
    if (this.finished) return this.finished
    const totals = summary ?? {
      ok: this.ok,
      failed: this.failed + (this.total - this.settled),
      cancelled: this.cancelled,
      bytes: this.bytes
    }
    return {
      type: 'run-finished',
      runId,
      t,
      elapsedMs: summary?.elapsedMs ?? elapsedMs,
      ok: totals.ok,
      failed: totals.failed,
      cancelled: totals.cancelled,
      bytes: totals.bytes
    }
  }
}
