import type { SleepMode, Strategy } from '../src/common/defaults.ts'
import { runSleep } from '../src/engine/run.ts'
import { WorkerPool } from '../src/engine/threads/worker-pool.ts'
import type { RunSample } from './types.ts'

export interface SleepJob {
  strategy: Strategy
  mode: SleepMode
  concurrency: number
  count: number
  seconds: number
  /**
   * Worker threads kept across runs (strategy `workers`), as the app keeps them; see KeptPool.
   * Without it the run starts its own threads: cold.
   */
  workerPool?: WorkerPool
}

/** The sleep demo through `runSleep` (submit + as_completed). */
export async function sleepRun({
  strategy,
  mode,
  concurrency,
  count,
  seconds,
  workerPool
}: SleepJob): Promise<RunSample> {
  let firstStart: number | undefined
  const started = performance.now()
  const summary = await runSleep({
    strategy,
    concurrency,
    mode,
    order: 'completed',
    seconds: Array.from({ length: count }, () => seconds),
    workerPool,
    onEvent: (event) => {
      if (event.type === 'task-started' && firstStart === undefined) firstStart = event.t
    }
  })
  const ms = performance.now() - started
  return { ms, ok: summary.ok, total: count, bytes: 0, firstStartMs: firstStart }
}

/**
 * `new WorkerPool().warmUp(count)`: starting the threads until each has loaded its code (the
 * worker's own, not the download code), the cost a cold run pays inside its time.
 */
export async function warmUpRun(count: number): Promise<RunSample> {
  const pool = new WorkerPool()
  const started = performance.now()
  await pool.warmUp(count)
  const ms = performance.now() - started
  const ok = pool.threadCount
  await pool.close()
  return { ms, ok, total: count, bytes: 0 }
}
