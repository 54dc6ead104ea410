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
 * wrote it. What the run adds waits in its journal (manifest-journal.ts), on disk, not in
 * memory: a run of 10,000 images holds what the folder had before it, not its own entries. A
 * damaged or hostile manifest reads as empty and costs only the pile-up protection it gave.
 */
import { lstat, readdir } from 'node:fs/promises'
import type { FolderIdentity, SavedFile } from '../../common/tasks.ts'
import type { Folder } from './folder.ts'
import { openFolder } from './folder.ts'
import { ManifestJournal } from './manifest-journal.ts'
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

/** The earlier entries, then this run's, but those whose files are not in `present`. */
async function* onlyPresent(
  earlier: Map<string, SavedFile>,
  journal: ManifestJournal,
  present: Set<string> | undefined
): AsyncGenerator<SavedFile> {
  for (const [name, entry] of earlier) if (!present || present.has(name)) yield entry
  for await (const entry of journal.entries()) if (!present || present.has(entry.file)) yield entry
}

/** The manifest as one run uses it: read at the start, added to as images are saved. */
export class Manifest {
  private timer: NodeJS.Timeout | undefined
  private writing: Promise<void> = Promise.resolve()
  /** The last write's failure, if any: a manifest that cannot be written never fails an image. */
  lastError: unknown

  private readonly folder: Folder
  private readonly key: string
  /** What is on disk (as of `version`), but the files this run saved again. */
  private earlier: Map<string, SavedFile>
  /** What this run saved, in order. */
  private readonly journal: ManifestJournal
  /** The manifest on disk as this run last read or wrote it. */
  private version: Version
  private byUrl: Map<string, SavedFile> | undefined
  /** When this run began: an entry saved since is this run's (or a run beside it). */
  private readonly openedAt = Date.now()

  private constructor(folder: Folder, key: string, onDisk: ManifestOnDisk) {
    this.folder = folder
    this.key = key
    this.earlier = onDisk.entries
    this.version = onDisk.version
    this.journal = new ManifestJournal(folder)
  }

  /** Whether an entry predates this run (or its first ms): only those may name gone files. */
  private hasOlderEntries(): boolean {
    for (const entry of this.earlier.values()) if (entry.savedAt <= this.openedAt) return true
    return false
  }

  static async open(identity: FolderIdentity, dir = identity.real): Promise<Manifest> {
    const folder = await openFolder(dir, identity)
    const key = `${identity.dev}:${identity.ino}`
    return new Manifest(folder, key, await readManifest(folder))
  }

  /**
   * The file the app last saved from `url` in this folder before this run, if the manifest has
   * one. A run asks of each URL before saving its own (a download run of all at its start).
   */
  latestFor(url: string): SavedFile | undefined {
    // A new folder's run asks of each URL: no index of nothing.
    if (!this.byUrl && this.earlier.size === 0) return undefined
    return this.index().get(url)
  }

  /** By URL, the latest entry: made once (10,000 URLs into a folder of as many ask 10,000 times). */
  private index(): Map<string, SavedFile> {
    if (!this.byUrl) {
      this.byUrl = new Map()
      for (const entry of this.earlier.values()) {
        const latest = this.byUrl.get(entry.url)
        if (!latest || entry.savedAt > latest.savedAt) this.byUrl.set(entry.url, entry)
      }
    }
    return this.byUrl
  }

  /** Records a file the run saved; written within 10 s, and at the end. */
  record(saved: SavedFile): void {
    // This run's entry of a file takes the place of the one before (latestFor still gives it).
    if (this.earlier.has(saved.file)) {
      this.index()
      this.earlier.delete(saved.file)
    }
    this.journal.append(saved)
    this.timer ??= setTimeout(() => {
      this.timer = undefined
      void this.write()
    }, WRITE_INTERVAL_MS).unref()
  }

  private write(prune = false): Promise<void> {
    if (this.journal.count === 0) return this.writing
    const key = this.key
    const before = folderLocks.get(key) ?? Promise.resolve()
    const next = before.then(async () => {
      const now = versionOf(await lstat(this.folder.at(MANIFEST_NAME)).catch(() => undefined))
      if (!sameVersion(now, this.version)) {
        // Another run wrote it meanwhile: its entries, but where this run saved the same file
        // (and those this run wrote there itself): the journal has them.
        const onDisk = await readManifest(this.folder)
        for await (const entry of this.journal.entries()) onDisk.entries.delete(entry.file)
        this.earlier = onDisk.entries
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
      this.version = await writeManifest(
        this.folder,
        onlyPresent(this.earlier, this.journal, present)
      )
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
    await this.journal.close()
    await this.folder.close()
  }
}
