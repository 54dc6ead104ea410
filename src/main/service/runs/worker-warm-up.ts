import { setTimeout as delay } from 'node:timers/promises'
import { defaultConcurrency } from '../../../common/defaults.ts'
import type { Settings } from '../../../common/schemas.ts'
import type { WorkerPool } from '../../../engine/threads/worker-pool.ts'

/** After launch, before the first threads start: the window loads first. */
export const LAUNCH_WARM_UP_DELAY_MS = 3000
/** Between two threads: one starts at a time, so the app stays responsive on few cores. */
const BETWEEN_THREADS_MS = 50

export interface WorkerWarmUp {
  /** The settings the page saved: Worker threads chosen starts threads for its concurrency. */
  settingsChanged(settings: Settings): void
  /** Stops starting threads (the threads started stay the pool's). */
  stop(): void
}

export interface WorkerWarmUpOptions {
  pool: WorkerPool
  /** The settings at launch. */
  settings: Settings
  cpuCount: number
  /** A run is on: it starts the threads it needs itself, and warming up would compete with it. */
  isRunning(): boolean
  launchDelayMs?: number
  log?: (message: string) => void
}

/**
 * How many threads a download run of `concurrency` lanes uses: downloads share
 * threads, at most the pool's `ioThreads` of them (one a core, well under the cap on
 * threads that sleeps and processing keep to themselves).
 */
export function threadsToWarm(concurrency: number, ioThreads: number): number {
  return Math.max(0, Math.min(concurrency, ioThreads))
}

/**
 * Starts the worker threads before the user's first workers run needs them, in the
 * background and one at a time: soon after launch for the saved concurrency (the
 * default one unless Worker threads was the saved choice), and again when the page
 * saves Worker threads or a new concurrency with it. The settings are the download
 * page's, so it starts the threads a download run uses (threadsToWarm), not one a
 * lane. Threads a run starts anyway are not started twice: the pool counts what it
 * has. Unused threads end after the pool's idle timeout, as threads a run left do.
 */
export function startWorkerWarmUp(options: WorkerWarmUpOptions): WorkerWarmUp {
  let stopped = false
  let target = 0
  let warming = false

  const warm = async (): Promise<void> => {
    if (warming) return
    warming = true
    try {
      while (!stopped && !options.isRunning() && options.pool.threadCount < target) {
        await options.pool.warmUp(options.pool.threadCount + 1)
        await delay(BETWEEN_THREADS_MS, undefined, { ref: false })
      }
    } catch (error) {
      // A closed pool (the app quits) or a thread that cannot start: the run says why.
      options.log?.(`worker warm-up stopped: ${(error as Error).message}`)
    } finally {
      warming = false
    }
  }

  const want = (count: number): void => {
    target = threadsToWarm(count, options.pool.ioThreads)
    void warm()
  }

  const { settings } = options
  const atLaunch =
    settings.strategy === 'workers' ? settings.concurrency : defaultConcurrency(options.cpuCount)
  const timer = setTimeout(() => want(atLaunch), options.launchDelayMs ?? LAUNCH_WARM_UP_DELAY_MS)
  timer.unref()

  return {
    settingsChanged(next) {
      if (next.strategy === 'workers') want(next.concurrency)
    },
    stop() {
      stopped = true
      clearTimeout(timer)
    }
  }
}
