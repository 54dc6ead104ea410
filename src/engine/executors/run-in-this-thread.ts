import type { ExecutorHooks, FutureImpl } from './executor.ts'
import { runTask } from '../tasks/registry.ts'

/**
 * Runs a started future on the calling thread (the sequential and promise-pool
 * executors), wiring its cancel to an AbortSignal and its notices to the hooks.
 */
export async function runInThisThread(
  future: FutureImpl,
  lane: number,
  hooks: ExecutorHooks
): Promise<void> {
  const controller = new AbortController()
  future.stop = () => controller.abort()
  hooks.onStart?.(future, lane)
  try {
    const value = await runTask(future.task, {
      signal: controller.signal,
      notify: (notice) => hooks.onNotice?.(future, notice)
    })
    future.settle({ value })
  } catch (error) {
    future.settle({ error })
  }
}
