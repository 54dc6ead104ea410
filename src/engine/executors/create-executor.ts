import type { Strategy } from '../../common/defaults.ts'
import type { Executor } from './executor.ts'
import { PromisePoolExecutor } from './promise-pool-executor.ts'
import { SequentialExecutor } from './sequential-executor.ts'
import { WorkerPoolExecutor } from './worker-pool-executor.ts'
import type { WorkerPoolExecutorOptions } from './worker-pool-executor.ts'

/** The executors' options; the worker pool's own are ignored by the other strategies. */
export type CreateExecutorOptions = WorkerPoolExecutorOptions

/** The executor for a strategy; `sequential` ignores the concurrency. */
export function createExecutor(strategy: Strategy, options: CreateExecutorOptions): Executor {
  switch (strategy) {
    case 'sequential':
      return new SequentialExecutor(options)
    case 'workers':
      return new WorkerPoolExecutor(options)
    case 'pool':
      return new PromisePoolExecutor(options)
  }
}
