/**
 * The `.part` file an image is streamed into before it gets its name.
 *
 * For the network side (Range resume, stalls): a PartFile lives for a whole task,
 * across attempts. `bytesWritten` is how much is on disk; `writer()` appends there
 * (resume), `truncate()` starts over (a 200 answer to a Range request), and
 * `finalizePart` (finalize.ts) or `discard()` ends it. `PartFile.reopen` takes up a
 * `.part` file an interrupted run left (found with `partFilesFor`), after the same
 * checks. Writes go through the open descriptor only, never a path, so nothing can
 * redirect them once the file is open.
 */
import { constants } from 'node:fs'
import { lstat, open, readdir, unlink } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { truncateUtf8 } from '../file-names.ts'
import { TaskFailure } from '../task-error.ts'
import type { Folder } from './folder.ts'
import { O_NOFOLLOW, O_NONBLOCK } from './folder.ts'
import type { ImageType } from './image-type.ts'
import { randomHex, TEMP_NAME_TRIES } from './temp-names.ts'

const RANDOM_BYTES = 8
const PART_SUFFIX = '.part'
// `.` + name + `.` + 16 hex + `.part` within the usual 255-byte limit of a file name.
const MAX_STEM_BYTES = 255 - 2 - RANDOM_BYTES * 2 - PART_SUFFIX.length

/** Where the `.part` name starts: the image's name cut to fit, hidden behind a dot. */
function partStem(fileName: string): string {
  return `.${truncateUtf8(fileName, MAX_STEM_BYTES)}.`
}

/**
 * `.a.jpg.3f9c1e2ab4d07e61.part`: a fresh name each time, so a file or link planted at one (or
 * at the old `a.jpg.part`) is never written through: create() takes another (temp-names.ts).
 */
export function partNameFor(fileName: string): string {
  return `${partStem(fileName)}${randomHex(RANDOM_BYTES)}${PART_SUFFIX}`
}

/** Whether `name` is a `.part` name made for `fileName` by partNameFor. */
export function isPartOf(name: string, fileName: string): boolean {
  const stem = partStem(fileName)
  const random = name.slice(stem.length, -PART_SUFFIX.length)
  return (
    name.startsWith(stem) &&
    name.endsWith(PART_SUFFIX) &&
    new RegExp(`^[0-9a-f]{${RANDOM_BYTES * 2}}$`).test(random)
  )
}

/** The `.part` files a run left in `dir` for the planned name `fileName` (for clean-up or resume). */
export async function partFilesFor(dir: string, fileName: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[])
  return names.filter((name) => isPartOf(name, fileName)).map((name) => join(dir, name))
}

const notRegular = (name: string): TaskFailure =>
  new TaskFailure('write_failed', `${name} is not a plain file, so it is not written to`)

/** Nanoseconds as Node's own Stats give `mtimeMs`: seconds × 1000 + the rest / 1e6. */
function msFromNs(ns: bigint): number {
  return Number(ns / 1_000_000_000n) * 1000 + Number(ns % 1_000_000_000n) / 1_000_000
}

export class PartFile {
  /** The detected type of the body, set by the image check of the first attempt. */
  imageType: ImageType | undefined
  readonly folder: Folder
  /** The `.part` file's name in the folder. */
  readonly name: string
  /**
   * Device and inode: what its name must still lead to before it is unlinked. A reopened
   * file's is read at once; a created one's on first need (identify, or the stat before
   * naming), from the descriptor, which leads to this file whatever its name does since.
   */
  private known: { dev: bigint; ino: bigint } | undefined
  /** Its change time when opened (ns): a reopened file's, to tell it from one put in its place. */
  readonly ctimeNs: bigint | undefined
  private readonly handle: FileHandle
  private size: number
  private closed = false

  private constructor(
    folder: Folder,
    name: string,
    handle: FileHandle,
    identity: { dev: bigint; ino: bigint; ctimeNs: bigint } | undefined,
    size: number
  ) {
    this.folder = folder
    this.name = name
    this.handle = handle
    this.known = identity && { dev: identity.dev, ino: identity.ino }
    this.ctimeNs = identity?.ctimeNs
    this.size = size
  }

  /** Device and inode, once known (always for a reopened file; see identify). */
  get identity(): { dev: bigint; ino: bigint } | undefined {
    return this.known
  }

  /** Device and inode, read from the open descriptor if not known yet. */
  async identify(): Promise<{ dev: bigint; ino: bigint }> {
    if (this.known) return this.known
    const info = await this.handle.stat({ bigint: true })
    this.known = { dev: info.dev, ino: info.ino }
    return this.known
  }

  /**
   * Creates a new, empty `.part` file for `fileName`: O_CREAT|O_EXCL never opens what
   * is already there (a file, a FIFO, or a link, dangling or not), and O_NOFOLLOW says
   * so again where O_EXCL alone might not. A name found taken (by chance, or by something
   * planted there) is given up for a fresh one; `name` (for tests, which plant things at
   * it) is tried alone.
   */
  static async create(folder: Folder, fileName: string, name?: string): Promise<PartFile> {
    const flags =
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW | O_NONBLOCK
    for (let tries = name === undefined ? 1 : TEMP_NAME_TRIES; ; tries++) {
      await folder.check()
      const partName = name ?? partNameFor(fileName)
      let handle: FileHandle
      try {
        handle = await open(folder.at(partName), flags, 0o644)
      } catch (error) {
        const taken = (error as NodeJS.ErrnoException).code === 'EEXIST'
        if (taken && tries < TEMP_NAME_TRIES) continue
        throw error
      }
      // O_CREAT|O_EXCL made a new, empty, plain file with one name: nothing to check with
      // an fstat (one round trip to libuv's threads an image); its identity is read when needed.
      try {
        await folder.check()
      } catch (error) {
        await handle.close()
        await unlink(folder.at(partName)).catch(() => undefined)
        throw error
      }
      return new PartFile(folder, partName, handle, undefined, 0)
    }
  }

  /**
   * Opens a `.part` file left by an earlier run, to append to it; refuses anything not a
   * plain file. Read and write: its first bytes show which image type it began.
   */
  static async reopen(folder: Folder, name: string): Promise<PartFile> {
    const flags = constants.O_RDWR | O_NOFOLLOW | O_NONBLOCK
    let handle: FileHandle
    try {
      handle = await open(folder.at(name), flags)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw notRegular(name)
      throw error
    }
    try {
      const info = await handle.stat({ bigint: true })
      // A hard link to another file would be written through, so one name is all it may have.
      if (!info.isFile() || info.nlink !== 1n) throw notRegular(name)
      const part = new PartFile(folder, name, handle, info, Number(info.size))
      // Path mode: the folder must still be the one the run chose, now that the file is in it.
      await folder.check()
      return part
    } catch (error) {
      await handle.close()
      throw error
    }
  }

  /** The path in the folder as the user named it, for messages. */
  get path(): string {
    return join(this.folder.dir, this.name)
  }

  get bytesWritten(): number {
    return this.size
  }

  /** Its first `length` bytes (or fewer): a reopened file's image type. */
  async head(length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(Math.min(length, this.size))
    const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, 0)
    return buffer.subarray(0, bytesRead)
  }

  /**
   * A stream that appends at `bytesWritten`. Writes are batched: with a 1 MiB buffer,
   * the chunks that arrive during one write go to disk in the next single writev.
   * Destroying it waits for the write under way; the file stays open either way.
   */
  writer(options: { highWaterMark?: number } = {}): Writable {
    let inFlight: Promise<void> = Promise.resolve()
    const append = (buffers: Buffer[], callback: (error?: Error | null) => void): void => {
      inFlight = this.append(buffers).then(() => callback(), callback)
    }
    return new Writable({
      highWaterMark: options.highWaterMark,
      write: (chunk: Buffer, _encoding, callback) => append([chunk], callback),
      writev: (chunks, callback) =>
        append(
          chunks.map(({ chunk }) => chunk as Buffer),
          callback
        ),
      destroy: (error, callback) => {
        void inFlight.finally(() => callback(error))
      }
    })
  }

  /** Appends `buffers` at `bytesWritten` in one writev (more only after a short write). */
  async append(buffers: Buffer[]): Promise<void> {
    let pending = buffers.filter((buffer) => buffer.length > 0)
    while (pending.length > 0) {
      const { bytesWritten } = await this.handle.writev(pending, this.size)
      this.size += bytesWritten
      // A short write (rare, such as a disk that just filled): write what is left.
      let skip = bytesWritten
      const rest: Buffer[] = []
      for (const buffer of pending) {
        if (skip >= buffer.length) skip -= buffer.length
        else {
          rest.push(skip > 0 ? buffer.subarray(skip) : buffer)
          skip = 0
        }
      }
      if (bytesWritten === 0 && rest.length > 0)
        throw new TaskFailure('disk_full', 'the disk is full')
      pending = rest
    }
  }

  /** Starts over: empties the file (a server that ignored a Range request). */
  async truncate(): Promise<void> {
    await this.handle.truncate(0)
    this.size = 0
    this.imageType = undefined
  }

  /** Flushes what was written to the disk before the file gets its name. */
  async sync(): Promise<void> {
    await this.handle.sync()
  }

  /**
   * The file's modification time now, as the manifest records it (in the same float
   * milliseconds as a plain stat gives); the same fstat tells its identity.
   */
  async mtimeMs(): Promise<number> {
    const info = await this.handle.stat({ bigint: true })
    this.known ??= { dev: info.dev, ino: info.ino }
    return msFromNs(info.mtimeNs)
  }

  /** Closes the descriptor; the identity is read first, for a discard after it. */
  async close(): Promise<void> {
    if (this.closed) return
    if (!this.known) await this.identify().catch(() => undefined)
    this.closed = true
    await this.handle.close()
  }

  /** Whether the name in the folder still leads to this file. */
  async stillNamed(name = this.name): Promise<boolean> {
    const identity = this.known
    if (!identity) return false
    const info = await lstat(this.folder.at(name), { bigint: true }).catch(() => undefined)
    return !!info && info.dev === identity.dev && info.ino === identity.ino
  }

  /** Closes and removes the file, if its name still leads to it (never another's file). */
  async discard(): Promise<void> {
    await this.close().catch(() => undefined)
    if (await this.stillNamed()) await unlink(this.folder.at(this.name)).catch(() => undefined)
  }
}
