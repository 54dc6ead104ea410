import { setTimeout as delay } from 'node:timers/promises'
import type { SleepResult, SleepTask } from '../../common/tasks.ts'
import { CancelledError } from '../task-error.ts'
import type { TaskContext } from './registry.ts'

/**
 * The tutorial's do_something(seconds). Three ways to spend the time:
 * - timer: await a timer; the thread is free meanwhile, like waiting on a socket.
 * - block: Atomics.wait holds the thread, like Python's time.sleep.
 * - spin: a busy loop burns CPU for the whole time.
 */
export async function sleepTask(task: SleepTask, context: TaskContext): Promise<SleepResult> {
  const ms = task.seconds * 1000
  if (task.mode === 'timer') {
    try {
      await delay(ms, undefined, { signal: context.signal })
    } catch {
      throw new CancelledError()
    }
  } else if (task.mode === 'block') {
    // The stop cell is notified by whoever cancels (another thread), waking us early.
    const stopCell = context.stopCell ?? new Int32Array(new SharedArrayBuffer(4))
    const outcome = Atomics.wait(stopCell, 0, 0, ms)
    if (outcome !== 'timed-out' && Atomics.load(stopCell, 0) !== 0) throw new CancelledError()
  } else {
    const end = performance.now() + ms
    const stopCell = context.stopCell
    let spins = 0
    while (performance.now() < end) {
      if (stopCell && (++spins & 0x3ff) === 0 && Atomics.load(stopCell, 0) !== 0) {
        throw new CancelledError()
      }
    }
  }
  if (context.signal.aborted) throw new CancelledError()
  return { kind: 'sleep', seconds: task.seconds, message: `Done Sleeping...${task.seconds}` }
}
