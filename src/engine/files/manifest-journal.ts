/**
 * What one run saved into a folder, kept on disk rather than in memory until the manifest is
 * written (manifest.ts): each entry one line of JSON, appended to a file beside the manifest.
 * A run of 10,000 images kept each one's entry (about 0.3 KiB of heap) to its end; it now
 * keeps one 64 KiB buffer, and reads the lines back, a buffer at a time, when it writes the
 * manifest.
 *
 * The file is made like the manifest's own temporary file (O_EXCL, O_NOFOLLOW, a fresh name
 * if one is found taken) and unlinked at once: it has no name in the folder, so a run that
 * ends mid-way leaves nothing there, and nothing can be put in its place. Where a file open
 * cannot be unlinked (Windows may refuse), it keeps its name until the run ends. What the file
 * cannot take (a full disk, a folder that refuses it) is kept in memory instead: an entry is
 * never lost to the journal.
 */
import type { FileHandle } from 'node:fs/promises'
import { unlink } from 'node:fs/promises'
import type { SavedFile } from '../../common/tasks.ts'
import type { Folder } from './folder.ts'
import { openTemp, parseEntry } from './manifest-file.ts'

/** What is written to, and read from, the file at a time. */
const CHUNK_BYTES = 64 * 1024
const NEWLINE = 0x0a

/** The entries of whole lines of text: each line one entry's JSON; what is not one is skipped. */
function* entriesOf(lines: Buffer): Generator<SavedFile> {
  // Turned into text whole before the first entry is given: the caller may reuse `lines`.
  for (const line of lines.toString('utf8').split('\n')) {
    if (!line) continue
    let entry: SavedFile | undefined
    try {
      entry = parseEntry(JSON.parse(line))
    } catch {
      entry = undefined
    }
    if (entry) yield entry
  }
}

/** The entries of the file's first `size` bytes, read a chunk at a time. */
async function* readEntries(handle: FileHandle, size: number): AsyncGenerator<SavedFile> {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES)
  // The start of a line the last chunk ended in the middle of.
  let rest = Buffer.alloc(0)
  for (let position = 0; position < size;) {
    const length = Math.min(chunk.length, size - position)
    const { bytesRead } = await handle.read(chunk, 0, length, position)
    if (bytesRead === 0) break
    position += bytesRead
    const read = chunk.subarray(0, bytesRead)
    const data = rest.length > 0 ? Buffer.concat([rest, read]) : read
    const end = data.lastIndexOf(NEWLINE) + 1
    yield* entriesOf(data.subarray(0, end))
    // A copy: `chunk` is read into again.
    rest = Buffer.from(data.subarray(end))
  }
}

export class ManifestJournal {
  private appended = 0
  private readonly folder: Folder
  private buffer: Buffer | undefined
  private used = 0
  /** How many bytes the file holds, whole lines only. */
  private size = 0
  /** Chunks the file could not take, in memory instead. */
  private readonly kept: Buffer[] = []
  /** Writes to the file, one at a time, in order. */
  private chain: Promise<void> = Promise.resolve()
  private handle: Promise<FileHandle | undefined> | undefined
  /** The file's name while it still has one (its unlink failed). */
  private name: string | undefined

  constructor(folder: Folder) {
    this.folder = folder
  }

  /** How many entries were appended. */
  get count(): number {
    return this.appended
  }

  /** Adds an entry: copied into the buffer now, written to the file when the buffer is full. */
  append(entry: SavedFile): void {
    const text = `${JSON.stringify(entry)}\n`
    const bytes = Buffer.byteLength(text)
    this.appended++
    if (this.buffer && this.used + bytes > this.buffer.length) this.ship()
    // An entry larger than a chunk (a URL of many KiB) goes to the file by itself.
    if (bytes > CHUNK_BYTES) return this.queue(Buffer.from(text))
    this.buffer ??= Buffer.allocUnsafe(CHUNK_BYTES)
    this.used += this.buffer.write(text, this.used)
  }

  /** Every entry appended so far, in order (those the file refused last). */
  async *entries(): AsyncGenerator<SavedFile> {
    this.ship()
    await this.chain
    // Entries appended from here on are written after `size`: the next read has them.
    const size = this.size
    const kept = [...this.kept]
    const handle = await this.handle
    if (handle && size > 0) yield* readEntries(handle, size)
    for (const chunk of kept) yield* entriesOf(chunk)
  }

  /** Closes the file (and removes it, if it still has a name). */
  async close(): Promise<void> {
    await this.chain
    const handle = await this.handle
    await handle?.close().catch(() => undefined)
    if (this.name) await unlink(this.folder.at(this.name)).catch(() => undefined)
    this.name = undefined
  }

  /** Queues what the buffer holds for the file, and starts a new buffer. */
  private ship(): void {
    if (!this.buffer || this.used === 0) return
    const chunk = this.buffer.subarray(0, this.used)
    this.buffer = undefined
    this.used = 0
    this.queue(chunk)
  }

  private queue(chunk: Buffer): void {
    this.chain = this.chain.then(async () => {
      const handle = await this.open()
      try {
        if (!handle) throw new Error('no journal file')
        for (let at = 0; at < chunk.length;) {
          const position = this.size + at
          at += (await handle.write(chunk, at, chunk.length - at, position)).bytesWritten
        }
        this.size += chunk.length
      } catch {
        // A part written before the failure is written over by the next chunk.
        this.kept.push(chunk)
      }
    })
  }

  private open(): Promise<FileHandle | undefined> {
    this.handle ??= openTemp(this.folder, 'read-write').then(
      async ({ temp, handle }) => {
        this.name = temp
        try {
          await this.folder.check()
          await unlink(this.folder.at(temp))
          this.name = undefined
        } catch {
          // Removed when the run ends.
        }
        return handle
      },
      () => undefined
    )
    return this.handle
  }
}
