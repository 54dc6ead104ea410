/**
 * What a run's records say about overlap, whatever the machine's speed: the
 * engine stamps each task's start and end (ms from the run's start) and its lane.
 */
export interface Interval {
  startMs: number | null
  endMs: number | null
  lane: number | null
}

type Ran = { startMs: number; endMs: number; lane: number | null }

function ran(tasks: readonly Interval[]): Ran[] {
  return tasks.filter((t): t is Ran => t.startMs !== null && t.endMs !== null)
}

/** The most tasks running at one moment (a task ending as another starts does not overlap it). */
export function maxConcurrent(tasks: readonly Interval[]): number {
  const edges = ran(tasks).flatMap((t) => [
    { at: t.startMs, step: 1 },
    { at: t.endMs, step: -1 }
  ])
  // At the same instant an end comes before a start.
  edges.sort((a, b) => a.at - b.at || a.step - b.step)
  let running = 0
  let most = 0
  for (const edge of edges) most = Math.max(most, (running += edge.step))
  return most
}

/** Pairs of tasks that ran at the same time on different lanes. */
export function overlapsOnDifferentLanes(tasks: readonly Interval[]): [Ran, Ran][] {
  const list = ran(tasks)
  const pairs: [Ran, Ran][] = []
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!
      const b = list[j]!
      if (a.lane !== b.lane && a.startMs < b.endMs && b.startMs < a.endMs) pairs.push([a, b])
    }
  }
  return pairs
}

/** The gaps between consecutive task starts, in start order. */
export function startGaps(tasks: readonly Interval[]): number[] {
  const starts = ran(tasks)
    .map((t) => t.startMs)
    .sort((a, b) => a - b)
  return starts.slice(1).map((start, i) => start - starts[i]!)
}
