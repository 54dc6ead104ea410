import type { DownloadTask, KeptPart } from '../../common/tasks.ts'
import { ImageSave } from '../files/save.ts'
import { CancelledError, TaskFailure } from '../task-error.ts'
import { readResumeAnswer, resumeHeaders, resumeValidator } from './resume.ts'
import type { ResumePoint } from './resume.ts'

type Headers = Record<string, string | string[] | undefined>

/**
 * One image's `.part` file across its attempts, so that a transient failure after
 * some bytes resumes instead of starting over: the next request asks for the rest
 * with `Range` + `If-Range` (the first answer's strong ETag or Last-Modified), and
 * its answer decides what happens to the bytes on disk:
 *
 * - 206 with exactly the rest of the same image: appended (`offset` is where).
 * - 200 (the server ignored the Range, or the image changed): the file starts over
 *   with this body.
 * - 206 of other bytes, or 416: the file starts over with a fresh request.
 *
 * A failure that is not transient, or a body that cannot be resumed (no validator,
 * a Content-Encoding), drops the file, as before.
 *
 * Across runs (the app's Resume): a task with `resume` starts from the `.part` file an
 * interrupted run kept, asked for with that run's validator, when the file is still
 * the one it wrote (ImageSave.resume); a task with `keepPartOnCancel` keeps its file
 * when cancelled, and `keptPart()` says what a later run needs to continue it.
 */
export class ResumeSession {
  private save: ImageSave | undefined
  private validator: string | undefined
  private whole: number | null = null
  private asked: ResumePoint | undefined
  /** Where this attempt's body starts in the file: 0, or the bytes kept from before. */
  offset = 0

  private readonly task: DownloadTask

  constructor(task: DownloadTask) {
    this.task = task
  }

  /** Takes up the `.part` file of task.resume, when it is still the one the interrupted run wrote. */
  async prepare(): Promise<void> {
    const kept = this.task.resume
    if (!kept || this.save) return
    this.save = await ImageSave.resume(this.task)
    if (!this.save) return
    this.validator = kept.validator
    this.whole = kept.total
  }

  /** The `.part` file as a later run could resume it, once it has bytes and a validator. */
  async keptPart(): Promise<KeptPart | undefined> {
    const part = this.save?.part
    if (!part || this.validator === undefined) return undefined
    const validator = this.validator
    const { dev, ino } = await part.identify()
    return {
      name: part.name,
      validator,
      total: this.whole,
      dev: String(dev),
      ino: String(ino)
    }
  }

  /** The headers of the next request: Range and If-Range when there is something to resume. */
  requestHeaders(): Record<string, string> {
    const kept = this.save?.part?.bytesWritten ?? 0
    this.asked =
      kept > 0 && this.validator !== undefined
        ? { offset: kept, validator: this.validator, total: this.whole }
        : undefined
    return resumeHeaders(this.asked)
  }

  /**
   * Reads the answer to that request. True: use its body (from `offset`). False: it
   * cannot continue the file, which is now empty; ask again without a Range.
   */
  async accept(statusCode: number, headers: Headers): Promise<boolean> {
    this.offset = 0
    const asked = this.asked
    this.asked = undefined
    const success = statusCode >= 200 && statusCode < 300
    // Another error (a 503): the caller fails the attempt; the bytes on disk stay for the next.
    if (!success && !(asked && statusCode === 416)) return true
    if (asked) {
      const answer = readResumeAnswer(asked, statusCode, headers)
      if (answer.kind === 'append') {
        // The whole image, not this part, must fit the cap: parts under it could add up past it.
        const max = this.task.limits.maxBytes
        if (answer.total > max) {
          throw new TaskFailure('too_large', `${answer.total} bytes is over the ${max}-byte limit`)
        }
        this.offset = asked.offset
        return true
      }
      await this.startOver()
      if (answer.kind === 'refetch') return false
    }
    this.validator = resumeValidator(headers)
    const length = Number(headers['content-length'])
    this.whole = Number.isSafeInteger(length) && length >= 0 ? length : null
    return true
  }

  /** The image's save, made on first use and kept across attempts. */
  async begin(): Promise<ImageSave> {
    this.save ??= await ImageSave.begin(this.task)
    return this.save
  }

  /**
   * After a failed attempt: keeps the `.part` file when the next attempt can resume
   * it, and otherwise removes it.
   */
  async release(error: unknown): Promise<void> {
    const resumable =
      ((error instanceof TaskFailure && error.transient) ||
        (error instanceof CancelledError && this.task.keepPartOnCancel === true)) &&
      this.validator !== undefined &&
      (this.save?.part?.bytesWritten ?? 0) > 0
    if (!resumable) await this.close()
  }

  /**
   * Removes the `.part` file, if one is left, and lets the folder go. `cancelled`: a task
   * with keepPartOnCancel leaves a file that can be resumed in the folder instead.
   */
  async close(cancelled = false): Promise<void> {
    const save = this.save
    const keep =
      cancelled &&
      this.task.keepPartOnCancel === true &&
      this.validator !== undefined &&
      (save?.part?.bytesWritten ?? 0) > 0
    this.save = undefined
    this.validator = undefined
    await (keep ? save?.keep() : save?.abandon())
  }

  private async startOver(): Promise<void> {
    await this.save?.part?.truncate()
    this.validator = undefined
    this.whole = null
  }
}
