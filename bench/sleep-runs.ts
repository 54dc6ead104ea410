import type { SleepMode, Strategy } from '../src/common/defaults.ts'
import type { SleepTask } from '../src/common/tasks.ts'
import { runSleep } from '../src/engine/run.ts'
import { WorkerPoolExecutor } from '../src/engine/worker-pool-executor.ts'
import type { RunSample } from './types.ts'
import { warmWithCode } from './warm-pool.ts'

export interface SleepJob {
  strategy: Strategy
  mode: SleepMode
  concurrency: number
  count: number
  seconds: number
}

/** The sleep demo through `runSleep` (submit + as_completed), with a new executor: threads start cold. */
export async function sleepRun({
  strategy,
  mode,
  concurrency,
  count,
  seconds
}: SleepJob): Promise<RunSample> {
  let firstStart: number | undefined
  const started = performance.now()
  const summary = await runSleep({
    strategy,
    concurrency,
    mode,
    order: 'completed',
    seconds: Array.from({ length: count }, () => seconds),
    onEvent: (event) => {
      if (event.type === 'task-started' && firstStart === undefined) firstStart = event.t
    }
  })
  const ms = performance.now() - started
  return { ms, ok: summary.ok, total: count, bytes: 0, firstStartMs: firstStart }
}

/** Starting the pool's threads with warmUp(): the cost a cold run pays inside its time. */
export async function warmUpRun(concurrency: number): Promise<RunSample> {
  const pool = new WorkerPoolExecutor({ concurrency })
  const started = performance.now()
  await pool.warmUp()
  const ms = performance.now() - started
  await pool.shutdown()
  return { ms, ok: concurrency, total: concurrency, bytes: 0 }
}

/** The same sleeps on a pool warmed before the clock starts. */
export async function warmSleepRun(
  { mode, concurrency, count, seconds }: Omit<SleepJob, 'strategy'>,
  /** `online`: warmUp() alone; `loaded`: also wait until every thread has loaded its code. */
  warmth: 'online' | 'loaded'
): Promise<RunSample> {
  let started = 0
  let firstStart: number | undefined
  const pool = new WorkerPoolExecutor({
    concurrency,
    hooks: { onStart: () => void (firstStart ??= performance.now() - started) }
  })
  if (warmth === 'loaded') await warmWithCode(pool)
  else await pool.warmUp()
  firstStart = undefined
  started = performance.now()
  const futures = Array.from({ length: count }, () => {
    const task: SleepTask = { kind: 'sleep', seconds, mode }
    return pool.submit(task)
  })
  const outcomes = await Promise.allSettled(futures.map((future) => future.result()))
  const ms = performance.now() - started
  await pool.shutdown()
  return {
    ms,
    ok: outcomes.filter((outcome) => outcome.status === 'fulfilled').length,
    total: count,
    bytes: 0,
    firstStartMs: firstStart
  }
}
