import type { Strategy } from '../common/defaults.ts'
import type { Executor, ExecutorOptions } from './executor.ts'
import { PromisePoolExecutor } from './promise-pool-executor.ts'
import { SequentialExecutor } from './sequential-executor.ts'
import { WorkerPoolExecutor } from './worker-pool-executor.ts'
import type { WorkerPool } from './worker-pool.ts'

export interface CreateExecutorOptions extends ExecutorOptions {
  /** Worker threads kept across runs (strategy `workers` only); else the executor starts its own. */
  workerPool?: WorkerPool
  /** Entry file of the worker threads (strategy `workers` only). */
  workerEntry?: string | URL
  /** Worker threads load the download code as they start (strategy `workers` only). */
  preloadDownloads?: boolean
}

/** The executor for a strategy; `sequential` ignores the concurrency. */
export function createExecutor(strategy: Strategy, options: CreateExecutorOptions): Executor {
  switch (strategy) {
    case 'sequential':
      return new SequentialExecutor(options)
    case 'workers':
      return new WorkerPoolExecutor({ ...options, pool: options.workerPool })
    case 'pool':
      return new PromisePoolExecutor(options)
  }
}
