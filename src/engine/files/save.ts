/**
 * The file side of one download, for tasks/download.ts: the hold on the output
 * folder, the `.part` file, the checks between the body and the disk (Content-Encoding
 * decoded, magic bytes, decoded size), and the naming under the existing-files policy.
 *
 *   const save = await ImageSave.begin(task)
 *   const skipped = await save.skipIfSaved(headers)       // `skip`: same image, body unread
 *   const { decoders, sink } = await save.sink(headers)   // body -> decoders -> sink (tasks/body-pump.ts)
 *   const saved = await save.finish(headers)              // or save.abandon() on failure
 *
 * The `.part` file is `save.part` once `sink` has run: it stays across attempts if
 * the same ImageSave is used for them (Range resume appends to it; see part-file.ts).
 */
import { join } from 'node:path'
import type { Transform } from 'node:stream'
import type { DownloadResult, DownloadTask, SavedFile } from '../../common/tasks.ts'
import { TaskFailure } from '../task-error.ts'
import { classifyDecodeError, decodersFor } from './content-encoding.ts'
import { skipBeforeBody, validatorsOf } from './existing-policy.ts'
import type { ResponseHeaders } from './existing-policy.ts'
import { finalizePart } from './finalize.ts'
import type { Folder } from './folder.ts'
import { openFolder } from './folder.ts'
import { BodySink } from './body-sink.ts'
import { HeadCheck, SNIFF_LIMIT, sniffImageType } from './image-type.ts'
import { PartFile } from './part-file.ts'

/** What a saved image adds to its task's result. */
export type SaveResult = Pick<
  DownloadResult,
  'file' | 'bytes' | 'contentType' | 'outcome' | 'saved'
>

// A file write is a round trip to libuv's thread pool. With the default 64 KiB buffer the
// body paused for each one: a 256 KiB image took 10 ms to arrive instead of 1.5 ms, and
// 500 of them at concurrency 8, 16 and 64 took 2.5, 4 and 8 % longer (interleaved A/B).
const WRITE_BUFFER_BYTES = 1024 * 1024

export class ImageSave {
  part: PartFile | undefined
  private gate: HeadCheck | undefined
  private released = false

  private readonly task: DownloadTask
  private readonly folder: Folder

  private constructor(task: DownloadTask, folder: Folder) {
    this.task = task
    this.folder = folder
  }

  /** Takes hold of the task's folder (refusing one moved or replaced since the run began). */
  static async begin(task: DownloadTask): Promise<ImageSave> {
    return new ImageSave(task, await openFolder(task.dir, task.folder))
  }

  /**
   * Takes up the `.part` file an interrupted run kept (task.resume), or undefined when it
   * is no longer that file: gone, a link, another file put at its name (device and inode
   * differ), larger than the image, or not the start of an image. Such a file is left as
   * it is, never written to or removed.
   */
  static async resume(task: DownloadTask): Promise<ImageSave | undefined> {
    const kept = task.resume
    if (!kept) return undefined
    const save = await ImageSave.begin(task)
    let part: PartFile | undefined
    try {
      part = await PartFile.reopen(save.folder, kept.name)
      const same =
        String(part.identity?.dev) === kept.dev &&
        String(part.identity?.ino) === kept.ino &&
        (kept.bytes === undefined || part.bytesWritten === kept.bytes) &&
        (kept.ctimeNs === undefined || String(part.ctimeNs) === kept.ctimeNs)
      const fits = kept.total === null || part.bytesWritten <= kept.total
      const type = same && fits ? sniffImageType(await part.head(SNIFF_LIMIT), false) : undefined
      if (type === undefined || type === 'more') throw new Error('not the kept part')
      part.imageType = type
      save.part = part
      return save
    } catch {
      await part?.close().catch(() => undefined)
      await save.folder.close().catch(() => undefined)
      return undefined
    }
  }

  /** `own`: the file is the app's, and goes in the folder's manifest. */
  private result(saved: SavedFile, outcome: SaveResult['outcome'], own = true): SaveResult {
    return {
      file: join(this.task.dir, saved.file),
      bytes: saved.size,
      contentType: saved.type,
      outcome,
      ...(own ? { saved } : {})
    }
  }

  /** Under `skip`, the result for an image already saved and unchanged on the server. */
  async skipIfSaved(headers: ResponseHeaders): Promise<SaveResult | undefined> {
    const saved = await skipBeforeBody(this.folder, this.task, headers)
    return saved && this.result(saved, 'skipped')
  }

  /**
   * The way from the body to the disk: the decoders of its Content-Encoding (streams),
   * then the image check and the `.part` file's appends (the sink). Creates the `.part`
   * file on first use.
   */
  async sink(headers: ResponseHeaders): Promise<{ decoders: Transform[]; sink: BodySink }> {
    const decoders = decodersFor(headers['content-encoding'])
    this.part ??= await PartFile.create(this.folder, this.task.fileName)
    const contentType = String(headers['content-type'] ?? '')
    // A resumed body continues a file whose start was already checked.
    const known = this.part.bytesWritten > 0 ? (this.part.imageType ?? this.gate?.type) : undefined
    this.gate = new HeadCheck(this.task.limits.maxBytes, contentType, known)
    return { decoders, sink: new BodySink(this.part, this.gate, WRITE_BUFFER_BYTES) }
  }

  /** Names the whole file under the task's policy and lets the folder go. */
  async finish(headers: ResponseHeaders): Promise<SaveResult> {
    const part = this.part
    const type = this.gate?.type ?? part?.imageType
    if (!part || !type) throw new TaskFailure('not_image', 'not an image: the body was empty')
    part.imageType = type
    try {
      const done = await finalizePart(part, this.task, type, validatorsOf(headers))
      this.part = undefined
      return this.result(done.saved, done.outcome, done.own)
    } finally {
      await this.abandon()
    }
  }

  /** Leaves the `.part` file in the folder for a later run, and lets the folder go. */
  async keep(): Promise<void> {
    await this.part?.close()
    this.part = undefined
    await this.abandon()
  }

  /** Removes the `.part` file, if any, and lets the folder go. */
  async abandon(): Promise<void> {
    await this.part?.discard()
    this.part = undefined
    if (this.released) return
    this.released = true
    await this.folder.close().catch(() => undefined)
  }

  /** A decoder's error with its code, or undefined for any other error. */
  static classify(error: unknown): TaskFailure | undefined {
    return classifyDecodeError(error)
  }
}
