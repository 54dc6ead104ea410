import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import type {
  RunEvent,
  RunKind,
  TaskFinishedEvent,
  TaskRecord,
  UnstampedRunEvent
} from '../common/events.ts'
import type { DownloadResult, KeptPart, Task } from '../common/tasks.ts'
import type { ExecutorHooks, Future } from './executors/executor.ts'
import type { RunOptionsBase, RunSummary } from './run-types.ts'
import { toTaskError } from './task-error.ts'
import { TaskTable } from './task-table.ts'
import type { TaskOutcome } from './task-table.ts'

/**
 * Keeps the records and the clock of one run, and turns what the executor
 * reports into the run's events. Times are milliseconds from the run's start.
 */
export class RunRecorder {
  readonly runId: string
  /** Sequential runs one task at a time, whatever was asked. */
  readonly concurrency: number
  /** The tasks' records, made into TaskRecords only for the summary. */
  readonly tasks: TaskTable
  private readonly started = performance.now()
  private readonly taskIds = new Map<Task, number>()
  private unsettled = 0
  private onAllSettled: (() => void) | undefined
  private readonly emit: (event: RunEvent) => void

  constructor(options: RunOptionsBase, labels: string[]) {
    this.runId = options.runId ?? randomUUID()
    this.concurrency = options.strategy === 'sequential' ? 1 : options.concurrency
    const listener = options.onEvent
    this.emit = listener
      ? (event) => {
          try {
            listener(event)
          } catch {
            // A listener's bug must not stop the downloads.
          }
        }
      : () => undefined
    this.tasks = new TaskTable(labels)
  }

  now(): number {
    return Math.round((performance.now() - this.started) * 10) / 10
  }

  send(event: UnstampedRunEvent): void {
    this.emit({ ...event, runId: this.runId, t: this.now() } as RunEvent)
  }

  track(task: Task, taskId: number): void {
    this.taskIds.set(task, taskId)
    this.unsettled++
  }

  /** Resolves once every tracked task has its finished or failed event. */
  allSettled(): Promise<void> {
    if (this.unsettled === 0) return Promise.resolve()
    return new Promise((resolve) => (this.onAllSettled = resolve))
  }

  idOf(future: Future): number {
    const id = this.taskIds.get(future.task)
    if (id === undefined) throw new Error('a future of another run')
    return id
  }

  hooks(): ExecutorHooks {
    return {
      onStart: (future, lane, thread) => this.start(this.idOf(future), lane, thread),
      onNotice: (future, notice) => {
        const taskId = this.taskIds.get(future.task)
        // A notice that comes after its task settled has nothing left to tell.
        if (taskId === undefined) return
        if (notice.type === 'progress') this.progress(taskId, notice.bytes, notice.total)
        else if (notice.type === 'stall') {
          const { stalled, bytesPerSecond } = notice
          this.send({ type: 'task-stall', taskId, stalled, bytesPerSecond })
        } else if (notice.type === 'part') {
          this.onPart?.(taskId, notice.part)
        } else {
          const { attempt, code, message, delayMs } = notice
          this.send({ type: 'task-retry', taskId, attempt, code, message, delayMs })
        }
      },
      // Each task's end is an event the moment it happens, whatever order its result is read in.
      onSettled: (future, outcome) => {
        const taskId = this.idOf(future)
        // Let the task go: a run of 10,000 URLs kept each one's task to its end.
        this.taskIds.delete(future.task)
        if (!('value' in outcome)) this.fail(taskId, outcome.error)
        else if (outcome.value.kind === 'download') {
          const { file, bytes } = outcome.value
          const saveOutcome = outcome.value.outcome
          this.succeed(
            taskId,
            { file, bytes, ...savedNote(outcome.value) },
            saveOutcome ? { outcome: saveOutcome } : undefined
          )
          if (outcome.value.saved) this.onSaved?.(outcome.value.saved)
        } else if (outcome.value.kind === 'process') {
          const { file, bytes, width, height } = outcome.value
          this.succeed(taskId, { file, bytes }, { width, height })
        } else this.succeed(taskId, { message: outcome.value.message })
        if (--this.unsettled === 0) this.onAllSettled?.()
      }
    }
  }

  /** Told of each file a download saved, for the folder's manifest. */
  onSaved: ((saved: NonNullable<DownloadResult['saved']>) => void) | undefined

  /** Told of each `.part` file a download could be resumed from (DownloadRunOptions.onPart). */
  onPart: ((taskId: number, part: KeptPart) => void) | undefined

  start(taskId: number, lane: number, thread?: number): void {
    if (!this.tasks.has(taskId)) return
    this.tasks.start(taskId, this.now(), lane)
    const onThread = thread === undefined ? {} : { thread }
    this.send({ type: 'task-started', taskId, lane, ...onThread })
  }

  progress(taskId: number, bytes: number, total: number | null): void {
    if (!this.tasks.has(taskId)) return
    this.tasks.setBytes(taskId, bytes)
    this.send({ type: 'task-progress', taskId, bytes, total })
  }

  /** `extra`: what only the event carries (a processed image's size, a download's outcome). */
  succeed(
    taskId: number,
    fields: TaskOutcome & { bytes?: number },
    extra?: Pick<TaskFinishedEvent, 'width' | 'height' | 'outcome'>
  ): void {
    if (!this.tasks.has(taskId)) return
    const { bytes, ...outcome } = fields
    if (bytes !== undefined) this.tasks.setBytes(taskId, bytes)
    this.tasks.settle(taskId, 'done', this.now(), outcome)
    // From what it settled with, not a record made for each event: a task settles once.
    const { file, message } = outcome
    this.send({
      type: 'task-finished',
      taskId,
      file,
      bytes: file ? this.tasks.bytesOf(taskId) : undefined,
      message,
      ...extra
    })
  }

  fail(taskId: number, error: unknown): void {
    if (!this.tasks.has(taskId)) return
    const { code, message } = toTaskError(error)
    const cancelled = code === 'cancelled'
    const started = this.tasks.started(taskId)
    this.tasks.settle(taskId, cancelled ? 'cancelled' : 'failed', started ? this.now() : null, {
      error: { code, message }
    })
    if (!cancelled || started) this.tasks.setBytes(taskId, 0)
    this.send({ type: 'task-failed', taskId, code, message })
  }

  /**
   * The run's summary, timed now, and its run-finished event. `beforeEvent` runs in
   * between: work after the downloads (the folder's manifest) that the event waits
   * for but the run's time does not count.
   */
  finish(options: RunOptionsBase, kind: RunKind): RunSummary
  finish(
    options: RunOptionsBase,
    kind: RunKind,
    beforeEvent: () => Promise<void>
  ): Promise<RunSummary>
  finish(
    options: RunOptionsBase,
    kind: RunKind,
    beforeEvent?: () => Promise<void>
  ): RunSummary | Promise<RunSummary> {
    const count = (status: TaskRecord['status']): number => this.tasks.count(status)
    const summary: RunSummary = {
      runId: this.runId,
      kind,
      strategy: options.strategy,
      concurrency: this.concurrency,
      elapsedMs: this.now(),
      ok: count('done'),
      failed: count('failed'),
      cancelled: count('cancelled') + count('queued'),
      bytes: this.tasks.doneBytes(),
      tasks: this.tasks.records()
    }
    const { elapsedMs, ok, failed, cancelled, bytes } = summary
    const announce = (): RunSummary => {
      this.send({ type: 'run-finished', elapsedMs, ok, failed, cancelled, bytes })
      return summary
    }
    return beforeEvent ? beforeEvent().then(announce) : announce()
  }
}

/** What a download's task says besides its file, when it did not simply save a new one. */
function savedNote(result: DownloadResult): { message?: string } {
  const name = basename(result.file)
  if (result.outcome === 'skipped') {
    return { message: `the same image is already saved as ${name}; nothing was written` }
  }
  if (result.outcome === 'replaced') return { message: `replaced the earlier ${name}` }
  return {}
}
