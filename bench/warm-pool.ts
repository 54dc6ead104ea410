import type { SleepTask } from '../src/common/tasks.ts'
import type { WorkerPoolExecutor } from '../src/engine/worker-pool-executor.ts'

/**
 * warmUp() resolves on each thread's 'online' event, which comes before the thread has loaded
 * its entry module (type-stripped on the fly) and, for downloads, undici: a thread is not ready
 * for its first task until then. A zero-second sleep on every thread waits for that too, since a
 * thread answers its first task only once its code is loaded.
 */
export async function warmWithCode(pool: WorkerPoolExecutor): Promise<void> {
  await pool.warmUp()
  const sleeps = Array.from({ length: pool.concurrency }, () => {
    const task: SleepTask = { kind: 'sleep', seconds: 0, mode: 'timer' }
    return pool.submit(task).result()
  })
  await Promise.all(sleeps)
}
