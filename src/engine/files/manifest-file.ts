/**
 * The manifest's file, `.concurrent-image-downloader.json` in the folder it describes: read
 * without following a link or blocking on a FIFO (a damaged or hostile one reads as empty, an
 * entry whose name is not one plain name is dropped), and written atomically through a new
 * temporary file, one entry a line, through one 64 KiB buffer. Each read and write gives the
 * file's version, so a run knows whether someone else wrote it since (manifest.ts).
 */
import { constants } from 'node:fs'
import type { Stats } from 'node:fs'
import { lstat, open, rename, unlink } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import type { SavedFile } from '../../common/tasks.ts'
import type { Folder } from './folder.ts'
import { O_NOFOLLOW, O_NONBLOCK } from './folder.ts'
import { randomHex, TEMP_NAME_TRIES } from './temp-names.ts'

export const MANIFEST_NAME = '.concurrent-image-downloader.json'
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024
/** What is written to the file at a time. */
const WRITE_BUFFER_BYTES = 64 * 1024

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

/** An entry as read from a file: checked field by field; `undefined` if it is not one. */
export function parseEntry(value: unknown): SavedFile | undefined {
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
export type Version = Pick<Stats, 'ino' | 'size' | 'mtimeMs'> | undefined

export function versionOf(info: Stats | undefined): Version {
  return info?.isFile() ? { ino: info.ino, size: info.size, mtimeMs: info.mtimeMs } : undefined
}

export function sameVersion(a: Version, b: Version): boolean {
  return a?.ino === b?.ino && a?.size === b?.size && a?.mtimeMs === b?.mtimeMs
}

export interface ManifestOnDisk {
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
 * A new temporary file beside the manifest (the manifest's next version, or a run's journal):
 * O_EXCL never opens what is already at its name, and a name found taken (by chance, or by
 * something planted there) is given up for another.
 */
export async function openTemp(
  folder: Folder,
  access: 'write' | 'read-write' = 'write'
): Promise<{ temp: string; handle: FileHandle }> {
  const mode = access === 'write' ? constants.O_WRONLY : constants.O_RDWR
  const flags = mode | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW | O_NONBLOCK
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

/**
 * The file's text, one entry a line, through one buffer: each entry's text is copied in as
 * soon as it is made, and the buffer goes to the file when full. No text outlives its entry,
 * so none is kept across a write, while downloads go on.
 */
async function writeEntries(
  handle: FileHandle,
  entries: AsyncIterable<SavedFile> | Iterable<SavedFile>
): Promise<void> {
  const buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES)
  let used = 0
  const flush = async (): Promise<void> => {
    // From the handle's position: each part follows the last.
    for (let at = 0; at < used;) at += (await handle.write(buffer, at, used - at)).bytesWritten
    used = 0
  }
  const put = async (text: string): Promise<void> => {
    const bytes = Buffer.byteLength(text)
    if (used + bytes <= buffer.length) {
      used += buffer.write(text, used)
      return
    }
    await flush()
    // An entry larger than the buffer (a URL of many KiB) is written by itself.
    if (bytes > buffer.length) await handle.writeFile(text, 'utf8')
    else used += buffer.write(text, used)
  }
  await put('{"app":"concurrent-image-downloader","version":1,"files":[')
  let first = true
  for await (const entry of entries) {
    await put((first ? '\n' : ',\n') + JSON.stringify(entry))
    first = false
  }
  await put('\n]}\n')
  await flush()
}

/** Writes the entries as the folder's manifest; the version now on disk. */
export async function writeManifest(
  folder: Folder,
  entries: AsyncIterable<SavedFile> | Iterable<SavedFile>
): Promise<Version> {
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
