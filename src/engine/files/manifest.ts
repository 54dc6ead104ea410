/**
 * The record of what the app wrote in a folder, `.concurrent-image-downloader.json`
 * in the folder itself: written by the engine, so the CLI and the app both keep and
 * read it, and it moves with the folder. For each file: the URL, size, type,
 * validators (ETag, Last-Modified) and modification time (finalize.ts reads them).
 *
 * It is read without following a link or blocking on a FIFO, and written atomically
 * (a temporary file created with O_EXCL, then renamed over the name: rename replaces
 * the name, never writes through a link). Writes are at most one in 10 s during a run,
 * and one at its end; within a process, the writes of one folder go one at a time. A
 * write merges what is on disk with what the run added, so two runs into one folder keep
 * both; it re-reads the file only when someone else changed it since this run last read
 * or wrote it. It is written one entry a line, a few hundred entries at a time: a run of
 * 10,000 images never holds the whole file as one string, nor a second copy of its entries.
 * A damaged or hostile manifest is read as empty (an entry whose file name is not one
 * plain name is dropped) and costs only the pile-up protection it gave.
 */
import { constants } from 'node:fs'
import { lstat, open, readdir, rename, unlink } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import type { FolderIdentity, SavedFile } from '../../common/tasks.ts'
import type { Folder } from './folder.ts'
import { O_NOFOLLOW, O_NONBLOCK, openFolder } from './folder.ts'
import { randomHex, TEMP_NAME_TRIES } from './temp-names.ts'

export const MANIFEST_NAME = '.concurrent-image-downloader.json'
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024
// During a run the record is written now and then, for a crash; each write serializes every
// entry on the main thread, so not often.
const WRITE_INTERVAL_MS = 10_000
/** Entries serialized before each write to the file: a few tens of KiB at a time. */
const ENTRIES_PER_WRITE = 256

/** One writer at a time per folder, in this process. */
const folderLocks = new Map<string, Promise<void>>()

/** A name the manifest may point at: one plain segment inside the folder. */
function isPlainName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    name.length <= 1024 &&
    !/[/\\\0]/.test(name) &&
    name !== '.' &&
    name !== '..'
  )
}

function parseEntry(value: unknown): SavedFile | undefined {
  const entry = value as Partial<Record<keyof SavedFile, unknown>> | null
  if (!entry || typeof entry !== 'object') return undefined
  const { url, file, size, type, etag, lastModified, mtimeMs, savedAt } = entry
  if (typeof url !== 'string' || !isPlainName(file) || typeof type !== 'string') return undefined
  if (typeof size !== 'number' || typeof mtimeMs !== 'number' || typeof savedAt !== 'number') {
    return undefined
  }
  if (etag !== undefined && typeof etag !== 'string') return undefined
  if (lastModified !== undefined && typeof lastModified !== 'string') return undefined
  return {
    url,
    file,
    size,
    type,
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
    mtimeMs,
    savedAt
  }
}

/** Which version of the manifest is on disk: a rename makes a new inode, a write a new size or time. */
type Version = Pick<Stats, 'ino' | 'size' | 'mtimeMs'> | undefined

function versionOf(info: Stats | undefined): Version {
  return info?.isFile() ? { ino: info.ino, size: info.size, mtimeMs: info.mtimeMs } : undefined
}

function sameVersion(a: Version, b: Version): boolean {
  return a?.ino === b?.ino && a?.size === b?.size && a?.mtimeMs === b?.mtimeMs
}

interface ManifestOnDisk {
  /** By file name; empty when there is none or it cannot be read. */
  entries: Map<string, SavedFile>
  version: Version
}

/** The manifest as it is on disk now. */
export async function readManifest(folder: Folder): Promise<ManifestOnDisk> {
  const entries = new Map<string, SavedFile>()
  let handle
  try {
    handle = await open(folder.at(MANIFEST_NAME), constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
  } catch {
    return { entries, version: undefined }
  }
  let version: Version
  try {
    const info = await handle.stat()
    version = versionOf(info)
    if (!info.isFile() || info.size > MAX_MANIFEST_BYTES) return { entries, version }
    const text = await handle.readFile('utf8')
    const data = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as {
      files?: unknown
    }
    if (!Array.isArray(data.files)) return { entries, version }
    for (const value of data.files) {
      const entry = parseEntry(value)
      if (entry) entries.set(entry.file, entry)
    }
  } catch {
    // Damaged: read as empty, and written anew by the next save.
  } finally {
    await handle.close()
  }
  return { entries, version }
}

/**
 * A new temporary file beside the manifest: O_EXCL never opens what is already at its name,
 * and a name found taken (by chance, or by something planted there) is given up for another.
 */
async function openTemp(folder: Folder): Promise<{ temp: string; handle: FileHandle }> {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW | O_NONBLOCK
  for (let tries = 1; ; tries++) {
    const temp = `${MANIFEST_NAME}.${randomHex(6)}.tmp`
    try {
      return { temp, handle: await open(folder.at(temp), flags, 0o644) }
    } catch (error) {
      const taken = (error as NodeJS.ErrnoException).code === 'EEXIST'
      if (!taken || tries >= TEMP_NAME_TRIES) throw error
    }
  }
}

/** The file's text, one entry a line, written a batch of entries at a time. */
async function writeEntries(handle: FileHandle, entries: Iterable<SavedFile>): Promise<void> {
  let text = '{"app":"concurrent-image-downloader","version":1,"files":['
  let count = 0
  for (const entry of entries) {
    text += (count === 0 ? '\n' : ',\n') + JSON.stringify(entry)
    if (++count % ENTRIES_PER_WRITE === 0) {
      // From the handle's position: each batch follows the last.
      await handle.writeFile(text, 'utf8')
      text = ''
    }
  }
  await handle.writeFile(`${text}\n]}\n`, 'utf8')
}

/** Writes the entries as the folder's manifest; the version now on disk. */
async function writeManifest(folder: Folder, entries: Iterable<SavedFile>): Promise<Version> {
  const { temp, handle } = await openTemp(folder)
  try {
    let version: Version
    // A full disk fails the write: the temp file goes too, not left empty in the folder.
    try {
      await writeEntries(handle, entries)
      version = versionOf(await handle.stat())
    } finally {
      await handle.close()
    }
    await folder.check()
    // Only the app's own manifest is replaced: not a link, a FIFO or a folder someone put there.
    const there = await lstat(folder.at(MANIFEST_NAME)).catch(() => undefined)
    if (there && !there.isFile()) throw new Error(`${MANIFEST_NAME} is not a plain file`)
    await rename(folder.at(temp), folder.at(MANIFEST_NAME))
    return version
  } catch (error) {
    await unlink(folder.at(temp)).catch(() => undefined)
    throw error
  }
}

/** The entries but those whose names are not in `present`. */
function* onlyPresent(
  entries: Map<string, SavedFile>,
  present: Set<string> | undefined
): Generator<SavedFile> {
  for (const [name, entry] of entries) if (!present || present.has(name)) yield entry
}

/** The manifest as one run uses it: read at the start, added to as images are saved. */
export class Manifest {
  /** What this run saved, in order: merged again into the file when another run changed it. */
  private readonly added: SavedFile[] = []
  private timer: NodeJS.Timeout | undefined
  private writing: Promise<void> = Promise.resolve()
  /** The last write's failure, if any: a manifest that cannot be written never fails an image. */
  lastError: unknown

  private readonly folder: Folder
  private readonly key: string
  /** What is on disk (as of `version`) with what this run added. */
  private entries: Map<string, SavedFile>
  /** The manifest on disk as this run last read or wrote it. */
  private version: Version
  private byUrl: Map<string, SavedFile> | undefined

  private constructor(folder: Folder, key: string, onDisk: ManifestOnDisk) {
    this.folder = folder
    this.key = key
    this.entries = onDisk.entries
    this.version = onDisk.version
  }

  static async open(identity: FolderIdentity, dir = identity.real): Promise<Manifest> {
    const folder = await openFolder(dir, identity)
    const key = `${identity.dev}:${identity.ino}`
    return new Manifest(folder, key, await readManifest(folder))
  }

  /** The file the app last saved from `url` in this folder, if the manifest has one. */
  latestFor(url: string): SavedFile | undefined {
    // Indexed once: a run of 10,000 URLs into a folder of as many entries asks 10,000 times.
    // A new folder's run asks of each URL before saving any: no index of nothing.
    if (this.entries.size === 0) return undefined
    if (!this.byUrl) {
      this.byUrl = new Map()
      for (const entry of this.entries.values()) {
        const latest = this.byUrl.get(entry.url)
        if (!latest || entry.savedAt > latest.savedAt) this.byUrl.set(entry.url, entry)
      }
    }
    return this.byUrl.get(url)
  }

  /** Records a file the run saved; written within 10 s, and at the end. */
  record(saved: SavedFile): void {
    this.entries.set(saved.file, saved)
    this.byUrl?.set(saved.url, saved)
    this.added.push(saved)
    this.timer ??= setTimeout(() => {
      this.timer = undefined
      void this.write()
    }, WRITE_INTERVAL_MS).unref()
  }

  private write(prune = false): Promise<void> {
    if (this.added.length === 0) return this.writing
    const key = this.key
    const before = folderLocks.get(key) ?? Promise.resolve()
    const next = before.then(async () => {
      const now = versionOf(await lstat(this.folder.at(MANIFEST_NAME)).catch(() => undefined))
      if (!sameVersion(now, this.version)) {
        // Another run wrote it meanwhile: its entries, with this run's.
        const onDisk = await readManifest(this.folder)
        for (const entry of this.added) onDisk.entries.set(entry.file, entry)
        this.entries = onDisk.entries
        this.byUrl = undefined
      }
      // One listing of the folder, not a stat per entry: a folder may hold thousands.
      const present = prune
        ? await readdir(this.folder.at('.')).then(
            (names) => new Set(names),
            () => undefined
          )
        : undefined
      this.version = await writeManifest(this.folder, onlyPresent(this.entries, present))
    })
    this.writing = next.catch((error: unknown) => {
      this.lastError = error
    })
    folderLocks.set(key, this.writing)
    void this.writing.then(() => {
      if (folderLocks.get(key) === this.writing) folderLocks.delete(key)
    })
    return this.writing
  }

  /** Writes what is left (dropping entries whose files are gone) and lets the folder go. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    await this.write(true)
    await this.folder.close()
  }
}
