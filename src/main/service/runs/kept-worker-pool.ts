import { WorkerPool } from '../../../engine/threads/worker-pool.ts'

/** How long the kept worker threads wait idle for the next run before they end. */
export const WORKER_IDLE_MS = 60_000

/**
 * The worker threads the app keeps across runs: a second run does not pay their
 * start-up again, and after a minute idle they end and give their memory back.
 */
export function keptWorkerPool(
  workerEntry?: string | URL,
  idleTimeoutMs = WORKER_IDLE_MS
): WorkerPool {
  // Threads load the download code as they start (most runs download), so a thread warmed up
  // before the first run is ready for its first image.
  return new WorkerPool({ workerEntry, idleTimeoutMs, preloadDownloads: true })
}
