/**
 * How the existing-files policy tells "the same image" (see finalize.ts for what it
 * does then):
 * - before the body, under `skip`: the manifest's record of this URL, when the server's
 *   validators (a strong ETag, or Last-Modified) and length are the ones recorded and
 *   the file is unchanged since, saves the download altogether;
 * - after the body: the same bytes, compared in full (sizes first).
 * Files are opened without following links and without blocking on a FIFO, and only
 * plain files are compared.
 */
import { constants } from 'node:fs'
import { lstat, open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import type { DownloadTask, SavedFile } from '../../common/tasks.ts'
import type { Folder } from './folder.ts'
import { O_NOFOLLOW, O_NONBLOCK } from './folder.ts'

const CHUNK = 256 * 1024

/** Response headers as undici gives them. */
export type ResponseHeaders = Record<string, string | string[] | undefined>

/** Whether the app's earlier file is still there as the app left it (same size and modification time). */
export async function isUnchanged(folder: Folder, saved: SavedFile): Promise<boolean> {
  const info = await lstat(folder.at(saved.file)).catch(() => undefined)
  return !!info && info.isFile() && info.size === saved.size && info.mtimeMs === saved.mtimeMs
}

async function openPlain(path: string): Promise<FileHandle | undefined> {
  try {
    const handle = await open(path, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
    if ((await handle.stat()).isFile()) return handle
    await handle.close()
  } catch {
    // Gone, a link, or unreadable: not the same file.
  }
  return undefined
}

/** Whether two files in the folder hold the same bytes. */
export async function sameBytes(folder: Folder, a: string, b: string): Promise<boolean> {
  const [first, second] = await Promise.all([openPlain(folder.at(a)), openPlain(folder.at(b))])
  try {
    if (!first || !second) return false
    const [sizeA, sizeB] = await Promise.all([first.stat(), second.stat()]).then((s) =>
      s.map((info) => info.size)
    )
    if (sizeA !== sizeB) return false
    const bufferA = Buffer.alloc(CHUNK)
    const bufferB = Buffer.alloc(CHUNK)
    for (let at = 0; at < (sizeA ?? 0); at += CHUNK) {
      const [readA, readB] = await Promise.all([
        first.read(bufferA, 0, CHUNK, at),
        second.read(bufferB, 0, CHUNK, at)
      ])
      if (readA.bytesRead !== readB.bytesRead) return false
      if (readA.bytesRead === 0) break
      if (!bufferA.subarray(0, readA.bytesRead).equals(bufferB.subarray(0, readB.bytesRead))) {
        return false
      }
    }
    return true
  } finally {
    await Promise.all([first?.close(), second?.close()])
  }
}

const header = (headers: ResponseHeaders, name: string): string | undefined => {
  const value = headers[name]
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined
}

/** The validators of a response, as the manifest records them. */
export function validatorsOf(headers: ResponseHeaders): {
  etag?: string
  lastModified?: string
} {
  const etag = header(headers, 'etag')
  const lastModified = header(headers, 'last-modified')
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) }
}

/**
 * Whether the server's answer is the image recorded: a strong ETag equal to the one
 * recorded (a weak one promises only an equivalent image), or else the same
 * Last-Modified; and the same length when the server says it.
 */
export function sameOnServer(saved: SavedFile, headers: ResponseHeaders): boolean {
  const { etag, lastModified } = validatorsOf(headers)
  const strong = etag && !etag.startsWith('W/') ? etag : undefined
  let same = false
  if (strong && saved.etag) same = strong === saved.etag
  else if (lastModified && saved.lastModified) same = lastModified === saved.lastModified
  if (!same) return false
  const length = header(headers, 'content-length')
  const encoded = (header(headers, 'content-encoding') ?? 'identity') !== 'identity'
  return length === undefined || encoded || Number(length) === saved.size
}

/**
 * Under `skip`, the record of the file already saved from this URL when the response's
 * headers show it is the same image and the file is unchanged: the body need not be read.
 */
export async function skipBeforeBody(
  folder: Folder,
  task: DownloadTask,
  headers: ResponseHeaders
): Promise<SavedFile | undefined> {
  const previous = task.previous
  if (task.existing !== 'skip' || !previous || previous.url !== task.url) return undefined
  if (!sameOnServer(previous, headers)) return undefined
  return (await isUnchanged(folder, previous)) ? previous : undefined
}
