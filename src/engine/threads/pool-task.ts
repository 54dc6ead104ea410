import type { Outcome, TaskNotice } from '../tasks/types.ts'

/** What the pool tells the one who gave it a task. */
export interface PoolTaskListener {
  /** The thread (its number, from 0) has picked the task up (a cold thread first loads its code). */
  onStart(thread: number): void
  onNotice(notice: TaskNotice): void
  /** Exactly once: the result, the task's error, or a CancelledError. */
  onSettled(outcome: Outcome): void
  /**
   * Exactly once, at or after onSettled: the thread no longer holds the task. A task
   * cancelled while its thread was starting is settled at once but holds the thread
   * until it answers; a caller that limits its threads counts until here.
   */
  onReleased(): void
}

/** A task given to a thread. */
export interface PoolTask {
  /** Stops it: wakes a thread blocked in Atomics.wait or spinning, aborts one that awaits. */
  stop(): void
}
