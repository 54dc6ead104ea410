/**
 * Where a body's chunks go on their way to the `.part` file: the image check
 * (HeadCheck), then batched appends to the file, with back-pressure. It is fed from the
 * body's own data listener (tasks/body-pump.ts) instead of a Transform and a Writable
 * joined by `pipeline`: those cost, for each image, two streams, an end-of-stream watch
 * per stream and an AbortController, which were a fifth of the engine's allocations on a
 * run of many small images and lived long enough to grow V8's young generation.
 *
 *   sink.write(chunk)   // false: pause the source until sink.onDrain
 *   await sink.end()    // the held-back head, then everything on disk
 *   await sink.settle() // after a failure: the write under way has ended
 */
import type { HeadCheck } from './image-type.ts'
import type { PartFile } from './part-file.ts'

export class BodySink {
  /** Called when the buffered bytes have gone to disk after `write` returned false. */
  onDrain: () => void = () => undefined
  /** Called once if an append fails (a full disk); `end` then rejects with it too. */
  onError: (error: unknown) => void = () => undefined
  private pending: Buffer[] = []
  private pendingBytes = 0
  private writing: Promise<void> | undefined
  private full = false
  private failure: { error: unknown } | undefined

  private readonly part: PartFile
  private readonly check: HeadCheck
  private readonly highWaterMark: number

  constructor(part: PartFile, check: HeadCheck, highWaterMark: number) {
    this.part = part
    this.check = check
    this.highWaterMark = highWaterMark
  }

  /**
   * Takes a chunk: throws the check's failure (not_image, too_large). False when the
   * source should pause until onDrain: a file write is a round trip to libuv's threads,
   * and the chunks that arrive meanwhile go to disk in the next single writev.
   */
  write(chunk: Buffer): boolean {
    const out = this.check.take(chunk)
    if (out) this.queue(out)
    if (this.pendingBytes < this.highWaterMark) return true
    this.full = true
    return false
  }

  /** The end of the body: what the check still held, then every byte on disk. */
  async end(): Promise<void> {
    const rest = this.check.end()
    if (rest) this.queue(rest)
    await this.settle()
    if (this.failure) throw this.failure.error
  }

  /** Waits for the writes under way and queued (none start after a failure). */
  async settle(): Promise<void> {
    while (this.writing) await this.writing
  }

  private queue(buffer: Buffer): void {
    if (buffer.length === 0 || this.failure) return
    this.pending.push(buffer)
    this.pendingBytes += buffer.length
    this.writing ??= this.flush()
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0 && !this.failure) {
      const buffers = this.pending
      this.pending = []
      this.pendingBytes = 0
      try {
        await this.part.append(buffers)
      } catch (error) {
        this.failure = { error }
        this.pending = []
        this.onError(error)
        break
      }
      if (this.full && this.pendingBytes < this.highWaterMark) {
        this.full = false
        this.onDrain()
      }
    }
    this.writing = undefined
  }
}
