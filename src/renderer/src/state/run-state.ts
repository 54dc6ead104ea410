import type { RunEvent, RunKind, RunStartedEvent } from '../../../common/events.ts'
import type { RunsState, RunView, TaskView } from './run-view.ts'
import { printFinished, printResults, printStarted } from './sleep-console.ts'

export type { ConsoleLine, RunsState, RunView, TaskView } from './run-view.ts'

const RUN_KINDS: readonly RunKind[] = ['download', 'sleep', 'process', 'pipeline']

export type RunAction = { type: 'events'; batch: readonly RunEvent[] }

export const initialRunsState: RunsState = {
  download: null,
  sleep: null,
  process: null,
  pipeline: null,
  activeRunId: null
}

export function runsReducer(state: RunsState, action: RunAction): RunsState {
  return foldBatch(state, action.batch)
}

export function settledCount(run: RunView): number {
  return run.ok + run.failed + run.cancelled
}

/** Previews still being made after the run's end, or null when there are none left. */
export function previewsLeft(run: RunView): { done: number; total: number } | null {
  const p = run.previews
  return run.finished && p && p.done < p.total ? p : null
}

export function isRunning(run: RunView | null): boolean {
  return run !== null && run.finished === null
}

/** Elapsed ms of a run: final when it finished, else the wall clock, never behind its events. */
export function elapsedOf(run: RunView, now: number): number {
  if (run.finished) return run.finished.elapsedMs
  return Math.max(run.lastT, now - run.startedAt)
}

/**
 * A copy of a run that one batch may change in place: the task array and the
 * console are copied once, and each task the first time the batch touches it,
 * so memoized tiles of untouched tasks keep their identity.
 */
interface Draft {
  run: RunView
  touched: Set<number>
}

function foldBatch(state: RunsState, batch: readonly RunEvent[]): RunsState {
  if (batch.length === 0) return state
  let next: RunsState = state
  const drafts = new Map<string, Draft>()

  const draftFor = (runId: string): Draft | undefined => {
    const existing = drafts.get(runId)
    if (existing) return existing
    const kind = RUN_KINDS.find((k) => next[k]?.runId === runId)
    const run = kind && next[kind]
    if (!kind || !run) return undefined
    const draft: Draft = {
      run: { ...run, tasks: run.tasks.slice(), console: run.console.slice() },
      touched: new Set()
    }
    drafts.set(runId, draft)
    next = { ...next, [kind]: draft.run }
    return draft
  }

  for (const event of batch) {
    if (event.type === 'run-started') {
      const run = startRun(event)
      drafts.set(run.runId, { run, touched: new Set(run.tasks.map((t) => t.taskId)) })
      next = { ...next, [run.kind]: run, activeRunId: run.runId }
      continue
    }
    const draft = draftFor(event.runId)
    if (!draft) continue
    applyEvent(draft, event)
    if (event.type === 'run-finished' && next.activeRunId === event.runId) {
      next = { ...next, activeRunId: null }
    }
  }
  return next
}

function startRun(event: RunStartedEvent): RunView {
  const indexOf = new Map<number, number>()
  const tasks = event.tasks.map((info, index): TaskView => {
    indexOf.set(info.taskId, index)
    const task: TaskView = {
      taskId: info.taskId,
      label: info.label,
      status: 'queued',
      lane: null,
      startMs: null,
      endMs: null,
      bytes: 0,
      total: null
    }
    if (info.fileName !== undefined) task.fileName = info.fileName
    if (info.seconds !== undefined) task.seconds = String(info.seconds)
    if (info.stage !== undefined) task.stage = info.stage
    if (info.credit !== undefined) task.credit = info.credit
    return task
  })
  const run: RunView = {
    runId: event.runId,
    kind: event.kind,
    strategy: event.strategy,
    concurrency: event.concurrency,
    startedAt: event.startedAt,
    order: event.order ?? 'completed',
    tasks,
    indexOf,
    lanes: 0,
    running: 0,
    ok: 0,
    failed: 0,
    cancelled: 0,
    bytes: 0,
    lastT: event.t,
    finished: null,
    previews: null,
    console: [],
    nextResult: 0
  }
  if (event.dir !== undefined) run.dir = event.dir
  if (event.mode !== undefined) run.mode = event.mode
  if (event.kernel !== undefined) run.kernel = event.kernel
  if (event.processStrategy !== undefined) run.processStrategy = event.processStrategy
  if (event.blur !== undefined) run.blur = event.blur
  if (event.maxSize !== undefined) run.maxSize = event.maxSize
  return run
}

function taskFor(draft: Draft, taskId: number): TaskView | undefined {
  const index = draft.run.indexOf.get(taskId)
  if (index === undefined) return undefined
  const current = draft.run.tasks[index]
  if (!current) return undefined
  if (draft.touched.has(taskId)) return current
  const copy = { ...current }
  draft.run.tasks[index] = copy
  draft.touched.add(taskId)
  return copy
}

function applyEvent(draft: Draft, event: Exclude<RunEvent, RunStartedEvent>): void {
  const run = draft.run
  run.lastT = Math.max(run.lastT, event.t)
  switch (event.type) {
    case 'task-started': {
      const task = taskFor(draft, event.taskId)
      if (!task || task.status !== 'queued') return
      task.status = 'running'
      task.lane = event.lane
      if (event.thread !== undefined) task.thread = event.thread
      task.startMs = event.t
      run.running++
      run.lanes = Math.max(run.lanes, event.lane + 1)
      if (run.kind === 'sleep') printStarted(run, task, event.t)
      return
    }
    case 'task-progress': {
      const task = taskFor(draft, event.taskId)
      if (!task || task.status !== 'running') return
      run.bytes += event.bytes - task.bytes
      task.bytes = event.bytes
      task.total = event.total
      return
    }
    case 'task-stall': {
      const task = taskFor(draft, event.taskId)
      if (!task || task.status !== 'running') return
      if (event.stalled) task.stalled = { bytesPerSecond: event.bytesPerSecond }
      else delete task.stalled
      return
    }
    case 'task-retry': {
      const task = taskFor(draft, event.taskId)
      if (!task || task.status !== 'running') return
      task.retry = { attempt: event.attempt, code: event.code, message: event.message }
      delete task.stalled
      // The next attempt starts its body from zero.
      run.bytes -= task.bytes
      task.bytes = 0
      return
    }
    case 'task-finished': {
      const task = taskFor(draft, event.taskId)
      if (!task || !settle(run, task, event.t)) return
      task.status = 'done'
      run.ok++
      if (event.bytes !== undefined) {
        run.bytes += event.bytes - task.bytes
        task.bytes = event.bytes
      }
      if (task.total === null && event.bytes !== undefined) task.total = event.bytes
      if (event.file !== undefined) task.file = event.file
      if (event.width !== undefined && event.height !== undefined)
        task.size = { width: event.width, height: event.height }
      delete task.retry
      delete task.stalled
      if (run.kind === 'sleep') {
        task.message = event.message ?? `Done Sleeping...${task.seconds}`
        printResults(run, task)
      }
      return
    }
    case 'task-failed': {
      const task = taskFor(draft, event.taskId)
      if (!task || !settle(run, task, event.t)) return
      const cancelled = event.code === 'cancelled'
      task.status = cancelled ? 'cancelled' : 'failed'
      task.error = { code: event.code, message: event.message }
      if (cancelled) run.cancelled++
      else run.failed++
      // A failed download leaves no file: its bytes no longer count.
      run.bytes -= task.bytes
      task.bytes = 0
      delete task.retry
      delete task.stalled
      if (run.kind === 'sleep') printResults(run, task)
      return
    }
    case 'task-thumbnail': {
      const task = taskFor(draft, event.taskId)
      if (!task) return
      const thumbnail = { url: event.url, width: event.width, height: event.height }
      if (event.of === 'input') task.inputThumbnail = thumbnail
      else task.thumbnail = thumbnail
      return
    }
    case 'task-thumbnail-failed': {
      const task = taskFor(draft, event.taskId)
      if (!task) return
      task.thumbnailError = event.message
      return
    }
    case 'cpu-sample': {
      if (run.finished) return
      run.cpu = event.cores
      run.cpuSum = event.cores.map((share, core) => share + (run.cpuSum?.[core] ?? 0))
      run.cpuSamples = (run.cpuSamples ?? 0) + 1
      return
    }
    case 'previews-progress': {
      run.previews = { done: event.done, total: event.total }
      return
    }
    case 'run-notice': {
      run.notices = [...(run.notices ?? []), event.message]
      return
    }
    case 'run-finished': {
      if (run.finished) return
      run.finished = {
        elapsedMs: event.elapsedMs,
        ok: event.ok,
        failed: event.failed,
        cancelled: event.cancelled,
        bytes: event.bytes
      }
      run.ok = event.ok
      run.failed = event.failed
      run.cancelled = event.cancelled
      run.bytes = event.bytes
      delete run.cpu
      if (run.kind === 'sleep') printFinished(run, event)
      return
    }
  }
}

/** Marks a task's end; false when it had already ended (a repeated event). */
function settle(run: RunView, task: TaskView, t: number): boolean {
  if (task.status === 'done' || task.status === 'failed' || task.status === 'cancelled') {
    return false
  }
  if (task.status === 'running') run.running--
  task.endMs = t
  return true
}

/** Each core's average load over a run's samples; undefined before the first. */
export function cpuAverage(run: RunView): number[] | undefined {
  if (!run.cpuSum || !run.cpuSamples) return undefined
  const samples = run.cpuSamples
  return run.cpuSum.map((sum) => Math.round((sum / samples) * 100) / 100)
}
