import { statfs } from 'node:fs/promises'
import { MAX_CONCURRENCY, WORKER_THREADS_PER_CORE } from '../../../common/defaults.ts'
import type { Strategy } from '../../../common/defaults.ts'

/**
 * Limits a run meets before it starts, beyond what the schemas check: how many
 * worker threads this machine gets, and whether its images fit on the disk.
 */

export function maxWorkerThreads(cpuCount: number): number {
  return WORKER_THREADS_PER_CORE * Math.max(1, cpuCount)
}

/**
 * Why a run of tasks that keep a thread each (sleeps, processing) cannot have
 * that many worker threads, or null; 100 threads spinning at once used 2 GB. The
 * promise pool and a sequential run start no thread, and a workers download's
 * lanes share at most one thread a core (src/engine/threads/placement.ts), so
 * theirs is not asked: their concurrency stays the schema's (up to MAX_CONCURRENCY).
 */
export function workerThreadProblem(
  strategy: Strategy,
  concurrency: number,
  cpuCount: number
): string | null {
  const max = maxWorkerThreads(cpuCount)
  if (strategy !== 'workers' || concurrency <= max) return null
  return (
    `At most ${max} worker threads on this computer (${WORKER_THREADS_PER_CORE} per core, ` +
    `${cpuCount} cores): each one is a whole JavaScript engine. Choose ${max} or fewer, ` +
    `or the promise pool, which runs up to ${MAX_CONCURRENCY} tasks at once on one thread.`
  )
}

function describeSize(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]}`
}

/**
 * Why `neededBytes` will not fit in `dir`, or null: for a run whose total size
 * is known before it starts (the simulated source), so that it is refused up
 * front rather than failing image by image once the disk is full. The space
 * counted is what an unprivileged user may write (`bavail`).
 */
export async function freeSpaceProblem(dir: string, neededBytes: number): Promise<string | null> {
  let free: number
  try {
    const fs = await statfs(dir)
    free = fs.bavail * fs.bsize
  } catch {
    // A file system that cannot say: the run goes on, and a full disk fails its images clearly.
    return null
  }
  if (neededBytes <= free) return null
  return (
    `Not enough free space in ${dir}: this run needs ${describeSize(neededBytes)} ` +
    `and ${describeSize(free)} is free`
  )
}
