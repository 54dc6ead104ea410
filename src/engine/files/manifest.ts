/**
 * The record of what the app wrote in a folder, `.concurrent-image-downloader.json`
 * in the folder itself: written by the engine, so the CLI and the app both keep and
 * read it, and it moves with the folder. For each file: the URL, size, type,
 * validators (ETag, Last-Modified) and modification time (finalize.ts reads them).
 *
 * Reading and writing the file: manifest-file.ts. Writes are at most one in 10 s during a
 * run, and one at its end; within a process, the writes of one folder go one at a time. A
 * write merges what is on disk with what the run added, so two runs into one folder keep
 * both; it re-reads the file only when someone else changed it since this run last read or
 * wrote it, so a run of 10,000 images holds one copy of its entries, not two. A damaged or
 * hostile manifest reads as empty and costs only the pile-up protection it gave.
 */
import { lstat, readdir } from 'node:fs/promises'
import type { FolderIdentity, SavedFile } from '../../common/tasks.ts'
import type { Folder } from './folder.ts'
import { openFolder } from './folder.ts'
import type { ManifestOnDisk, Version } from './manifest-file.ts'
import {
  MANIFEST_NAME,
  readManifest,
  sameVersion,
  versionOf,
  writeManifest
} from './manifest-file.ts'

export { MANIFEST_NAME } from './manifest-file.ts'

// During a run the record is written now and then, for a crash; each write serializes every
// entry on the main thread, so not often.
const WRITE_INTERVAL_MS = 10_000

/** One writer at a time per folder, in this process. */
const folderLocks = new Map<string, Promise<void>>()

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
  /** When this run began: an entry saved since is this run's (or a run beside it). */
  private readonly openedAt = Date.now()

  private constructor(folder: Folder, key: string, onDisk: ManifestOnDisk) {
    this.folder = folder
    this.key = key
    this.entries = onDisk.entries
    this.version = onDisk.version
  }

  /** Whether an entry predates this run (or its first ms): only those may name gone files. */
  private hasOlderEntries(): boolean {
    for (const entry of this.entries.values()) if (entry.savedAt <= this.openedAt) return true
    return false
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
      // One listing of the folder, not a stat per entry: a folder may hold thousands. Files
      // saved during this run were just written: a new folder's run lists nothing.
      const present =
        prune && this.hasOlderEntries()
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
