import type { ErrorCode } from '../common/errors.ts'
import type { TaskRecord } from '../common/events.ts'

/** A task's status as a number in its column (`queued` also stands for not yet settled). */
const STATUSES = ['queued', 'done', 'failed', 'cancelled'] as const
type Status = (typeof STATUSES)[number]

/** What a settled task may carry besides its numbers. */
export interface TaskOutcome {
  file?: string
  message?: string
  error?: { code: ErrorCode; message: string }
}

/**
 * The records of one run's tasks, kept in columns while the run goes on: a number or two a
 * task in typed arrays, its label shared with the run's list, its file's path, and what few
 * tasks have (an error, a note) by task id. Each task's TaskRecord is made when it is read.
 * A run of 10,000 images kept 10,000 record objects with their boxed times (about 0.2 KiB
 * each) to its end; this keeps about 40 bytes a task and its file's path.
 */
export class TaskTable {
  readonly size: number
  private readonly labels: readonly string[]
  private readonly status: Uint8Array
  private readonly bytes: Float64Array
  /** NaN: not started, or not ended. */
  private readonly startMs: Float64Array
  private readonly endMs: Float64Array
  /** -1: no lane. */
  private readonly lanes: Int32Array
  private readonly files: (string | undefined)[]
  private readonly extras = new Map<number, Omit<TaskOutcome, 'file'>>()

  constructor(labels: readonly string[]) {
    const n = labels.length
    this.size = n
    this.labels = labels
    this.status = new Uint8Array(n)
    this.bytes = new Float64Array(n)
    this.startMs = new Float64Array(n).fill(NaN)
    this.endMs = new Float64Array(n).fill(NaN)
    this.lanes = new Int32Array(n).fill(-1)
    this.files = new Array<string | undefined>(n)
  }

  has(taskId: number): boolean {
    return Number.isInteger(taskId) && taskId >= 0 && taskId < this.size
  }

  label(taskId: number): string {
    return this.labels[taskId] ?? ''
  }

  statusOf(taskId: number): Status {
    return STATUSES[this.status[taskId] ?? 0] ?? 'queued'
  }

  started(taskId: number): boolean {
    return !Number.isNaN(this.startMs[taskId] ?? NaN)
  }

  start(taskId: number, atMs: number, lane: number): void {
    this.startMs[taskId] = atMs
    this.lanes[taskId] = lane
  }

  setBytes(taskId: number, bytes: number): void {
    this.bytes[taskId] = bytes
  }

  bytesOf(taskId: number): number {
    return this.bytes[taskId] ?? 0
  }

  /** Settles a task: its status, its end (null: it never started) and what it carries. */
  settle(
    taskId: number,
    status: Exclude<Status, 'queued'>,
    endMs: number | null,
    outcome: TaskOutcome
  ): void {
    this.status[taskId] = STATUSES.indexOf(status)
    this.endMs[taskId] = endMs ?? NaN
    const { file, ...extra } = outcome
    if (file !== undefined) this.files[taskId] = file
    if (extra.message !== undefined || extra.error !== undefined) {
      this.extras.set(taskId, { ...this.extras.get(taskId), ...extra })
    }
  }

  /** How many tasks have this status (`queued`: those that never settled). */
  count(status: Status): number {
    const code = STATUSES.indexOf(status)
    let count = 0
    for (const value of this.status) if (value === code) count++
    return count
  }

  /** The bytes of the tasks that are done. */
  doneBytes(): number {
    const done = STATUSES.indexOf('done')
    let sum = 0
    for (let i = 0; i < this.size; i++) if (this.status[i] === done) sum += this.bytes[i] ?? 0
    return sum
  }

  /** The task's record, made now (fields in the order the run's JSON has always had). */
  record(taskId: number): TaskRecord {
    const time = (value: number | undefined): number | null =>
      value === undefined || Number.isNaN(value) ? null : value
    const lane = this.lanes[taskId] ?? -1
    const file = this.files[taskId]
    const extra = this.extras.get(taskId)
    return {
      taskId,
      label: this.label(taskId),
      status: this.statusOf(taskId),
      bytes: this.bytesOf(taskId),
      startMs: time(this.startMs[taskId]),
      endMs: time(this.endMs[taskId]),
      lane: lane < 0 ? null : lane,
      ...(file !== undefined ? { file } : {}),
      ...(extra?.message !== undefined ? { message: extra.message } : {}),
      ...(extra?.error ? { error: extra.error } : {})
    }
  }

  /** Every task's record, in task order. */
  records(): TaskRecord[] {
    return Array.from({ length: this.size }, (_, taskId) => this.record(taskId))
  }
}
