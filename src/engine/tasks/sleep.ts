import { setTimeout as delay } from 'node:timers/promises'
import type { SleepResult, SleepTask } from '../../common/tasks.ts'
import { CancelledError } from '../task-error.ts'
import type { TaskContext } from './types.ts'

/**
 * The tutorial's do_something(seconds). Three ways to spend the time:
 * - timer: await a timer; the thread is free meanwhile, like waiting on a socket.
 * - block: Atomics.wait holds the thread, like Python's time.sleep.
 * - spin: a busy loop burns `seconds` of this thread's CPU time, so threads that
 *   share too few cores take longer, as CPU-bound work does.
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
    const budgetMicros = ms * 1000
    const start = cpuMicros()
    const stopCell = context.stopCell
    while (cpuMicros() - start < budgetMicros) {
      if (stopCell && Atomics.load(stopCell, 0) !== 0) throw new CancelledError()
    }
  }
  if (context.signal.aborted) throw new CancelledError()
  return { kind: 'sleep', seconds: task.seconds, message: `Done Sleeping...${task.seconds}` }
}

function cpuMicros(): number {
  const { user, system } = process.threadCpuUsage()
  return user + system
}
