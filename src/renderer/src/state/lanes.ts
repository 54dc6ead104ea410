import type { Strategy } from '../../../common/defaults.ts'
import { strings } from '../strings/index.ts'

/** What a lane is, in the words of each strategy. */
export function laneName(strategy: Strategy, lane: number): string {
  const s = strings.run.lanes
  if (strategy === 'sequential') return s.mainThread
  return strategy === 'workers' ? s.worker(lane + 1) : s.slot(lane + 1)
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
