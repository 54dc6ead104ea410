/**
 * Cancel at seeded random points of a run, many times, with each strategy:
 * never a partial file, never a finished image lost, no `.part`, and the next
 * run in the same folder saves everything.
 */
import { basename } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Strategy } from '../../src/common/defaults.ts'
import type { RunEvent } from '../../src/common/events.ts'
import { runDownloads } from '../../src/engine/run.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { leftovers, lostFiles, removeDir, seededRandom, sleep, tally, tempRoot } from './helpers.ts'
import { filesIn } from '../helpers/temp-dir.ts'

const counts = tally('cancel-random')
const outcomes = { beforeAny: 0, midRun: 0, afterAll: 0 }
/** Per strategy: runs, and runs cancelled while some of their tasks had not started. */
const tried: Record<Strategy, { runs: number; stoppedEarly: number }> = {
  sequential: { runs: 0, stoppedEarly: 0 },
  workers: { runs: 0, stoppedEarly: 0 },
  pool: { runs: 0, stoppedEarly: 0 }
}

let cdn: SimulatedCdn
let root: string

beforeAll(async () => {
  // Eight 96 KiB images at 4 MiB/s each: about 25 ms of body per image.
  cdn = await startSimulatedCdn({ count: 8, sizeKB: 96, latencyMs: 5, bandwidthKBps: 4096 })
  root = await tempRoot()
})
afterAll(async () => {
  console.log(
    `[reliability] cancel-random: cancelled before any image ${outcomes.beforeAny}, ` +
      `mid-run ${outcomes.midRun}, after the last ${outcomes.afterAll}`
  )
  await cdn.close()
  await removeDir(root)
})

const expected = (task: { taskId: number }): Buffer => cdn.photoBytes(task.taskId)

/** One run cancelled at a random point, checked; then the same folder run to the end. */
async function cancelOnce(
  strategy: Strategy,
  index: number,
  random: () => number,
  maxDelayMs: number
) {
  // Two threads load faster than three on a 2-core machine.
  const concurrency = strategy === 'workers' ? 2 : 3
  const dir = `${root}/${strategy}-${index}`
  const controller = new AbortController()
  const events: RunEvent[] = []
  // Half the runs cancel from inside an event (a precise point of the run), half after a delay
  // counted from the first task's start (worker threads take a while to load).
  const atEvent = random() < 0.5 ? Math.floor(random() * 40) : -1
  const delayMs = Math.floor(random() * maxDelayMs)
  let timerSet = false
  const started = new Set<number>()
  // The tasks that had started when the run was cancelled: every other one must never run.
  let startedAtCancel: Set<number> | undefined
  const cancel = (): void => {
    startedAtCancel ??= new Set(started)
    controller.abort()
  }
  const pending = runDownloads({
    strategy,
    concurrency,
    dir,
    urls: cdn.urls,
    signal: controller.signal,
    onEvent: (event) => {
      events.push(event)
      if (event.type === 'task-started') started.add(event.taskId)
      if (events.length - 1 === atEvent) cancel()
      if (atEvent < 0 && event.type === 'task-started' && !timerSet) {
        timerSet = true
        void sleep(delayMs).then(cancel)
      }
    }
  })
  const summary = await pending
  counts.runs++
  counts.faults++
  const where = `${strategy} run ${index} (${atEvent >= 0 ? `event ${atEvent}` : `${delayMs} ms`})`

  expect(summary.ok + summary.failed + summary.cancelled, where).toBe(cdn.urls.length)
  expect(summary.failed, where).toBe(0)
  for (const task of summary.tasks) {
    if (task.status !== 'done') expect(task.error?.code, where).toBe('cancelled')
  }
  // The cancel reached the run: a task not started by then was cancelled, not downloaded.
  const notStarted = summary.tasks.filter((task) => !startedAtCancel?.has(task.taskId))
  if (startedAtCancel) {
    for (const task of notStarted)
      expect(task.status, `${where}, task ${task.taskId}`).toBe('cancelled')
  }
  if (summary.ok === 0) outcomes.beforeAny++
  else if (summary.cancelled > 0) outcomes.midRun++
  else outcomes.afterAll++
  tried[strategy].runs++
  if (startedAtCancel && notStarted.length > 0) tried[strategy].stoppedEarly++

  // Every image reported done is whole; no other file is there, partial or empty.
  expect(await lostFiles(summary.tasks, expected, counts), where).toEqual([])
  expect(await leftovers(dir).catch(() => []), where).toEqual([])
  const done = summary.tasks.filter((t) => t.status === 'done').map((t) => basename(t.file ?? ''))
  const onDisk = await filesIn(dir).catch(() => [])
  expect(onDisk.sort(), where).toEqual(done.sort())
  const finished = events.filter((e) => e.type === 'task-finished').length
  expect(finished, where).toBe(summary.ok)

  // The next run in the same folder saves every image.
  const next = await runDownloads({ strategy, concurrency, dir, urls: cdn.urls })
  counts.runs++
  expect(next.ok, `${where}, next run`).toBe(cdn.urls.length)
  expect(await lostFiles(next.tasks, expected, counts), `${where}, next run`).toEqual([])
  expect(await filesIn(dir), `${where}, next run`).toHaveLength(cdn.urls.length)
  await removeDir(dir)
}

/**
 * Half the runs cancel at an event among the first 40, so at least that share stops
 * with images not yet started, however fast or slow the machine; a cancel that did
 * nothing would leave none.
 */
function expectStoppedEarly(strategy: Strategy): void {
  const { runs, stoppedEarly } = tried[strategy]
  console.log(
    `[reliability] cancel-random ${strategy}: ${stoppedEarly} of ${runs} runs cancelled before their last image started`
  )
  expect(stoppedEarly).toBeGreaterThanOrEqual(Math.ceil(runs / 4))
}

describe('cancel at random points', () => {
  it('pool: 30 runs', async () => {
    const random = seededRandom(1)
    for (let i = 0; i < 30; i++) await cancelOnce('pool', i, random, 150)
    expectStoppedEarly('pool')
  }, 180_000)

  it('workers: 8 runs', async () => {
    const random = seededRandom(2)
    for (let i = 0; i < 8; i++) await cancelOnce('workers', i, random, 150)
    expectStoppedEarly('workers')
    // Each run starts its threads anew: on a busy machine that is most of the time.
  }, 300_000)

  it('sequential: 8 runs', async () => {
    const random = seededRandom(3)
    for (let i = 0; i < 8; i++) await cancelOnce('sequential', i, random, 300)
    expectStoppedEarly('sequential')
  }, 180_000)
})
