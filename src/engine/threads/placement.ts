import type { Task } from '../../common/tasks.ts'

/**
 * Whether a task shares its thread. A download waits on its socket (asynchronous
 * I/O), so one thread carries several at once, as the promise pool's one thread
 * does. A sleep or a processing task may block (Atomics.wait), spin or compute:
 * it keeps a thread to itself, as a Python thread does, which is the lesson of
 * the sleep demo and the processing stage. Every kind must say which it is.
 */
export function sharesThread(task: Task): boolean {
  switch (task.kind) {
    case 'download':
      return true
    case 'sleep':
    case 'process':
      return false
  }
}

/** What placement reads of a thread. */
export interface ThreadLoad {
  /** The thread's number, from 0. */
  readonly index: number
  /** How many tasks it carries now. */
  readonly load: number
  /** It carries a task that keeps it to itself. */
  readonly exclusive: boolean
}

/**
 * The thread that takes a task, or undefined to start a new one. Any task takes
 * an idle thread first (the lowest numbered). An exclusive task otherwise gets a
 * new thread. A shared one gets a new thread while fewer than `sharedCap` threads
 * carry shared tasks, and after that joins the one carrying the fewest (and no
 * exclusive task), so the downloads spread evenly over the cores.
 */
export function placeTask<T extends ThreadLoad>(
  threads: readonly T[],
  shared: boolean,
  sharedCap: number
): T | undefined {
  const idle = lowest(threads.filter((thread) => thread.load === 0))
  if (idle || !shared) return idle
  const carrying = threads.filter((thread) => !thread.exclusive && thread.load > 0)
  if (carrying.length < sharedCap) return undefined
  const fewest = Math.min(...carrying.map((thread) => thread.load))
  return lowest(carrying.filter((thread) => thread.load === fewest))
}

function lowest<T extends ThreadLoad>(threads: readonly T[]): T | undefined {
  let best: T | undefined
  for (const thread of threads) if (!best || thread.index < best.index) best = thread
  return best
}
