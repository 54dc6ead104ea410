import type { Strategy } from '../../../common/defaults.ts'
import { strings } from '../strings/index.ts'

/** What a lane is, in the words of each strategy. */
export function laneName(strategy: Strategy, lane: number): string {
  const s = strings.run.lanes
  if (strategy === 'sequential') return s.mainThread
  return strategy === 'workers' ? s.lane(lane + 1) : s.slot(lane + 1)
}

/** How many worker threads carried the tasks started so far: fewer than the lanes when downloads share them. */
export function threadsSeen(tasks: readonly { thread?: number }[]): number {
  return new Set(tasks.flatMap((task) => (task.thread === undefined ? [] : [task.thread]))).size
}

/** Lanes a run will use: its pool size, but no more than it has tasks, and at least the ones seen. */
export function expectedLanes(
  strategy: Strategy,
  concurrency: number,
  taskCount: number,
  seen: number
): number {
  const planned = strategy === 'sequential' ? 1 : Math.min(concurrency, Math.max(1, taskCount))
  return Math.max(planned, seen)
}
