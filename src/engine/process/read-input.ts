/**
 * Reads the image a processing task starts from, as the output side writes: without
 * following a link (a link planted in the folder could lead anywhere) and without
 * blocking on a FIFO, and only a plain file. The first bytes decide what it is, not
 * its name: a text file named `a.jpg` fails as `not_image`.
 */
import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { basename } from 'node:path'
import { TaskFailure } from '../task-error.ts'
import { O_NOFOLLOW, O_NONBLOCK } from '../files/folder.ts'
import { sniffImageType } from '../files/image-type.ts'
import type { ImageType } from '../files/image-type.ts'

/** The decoders and encoders sharp's prebuilt libvips has: what processing keeps the format of. */
export const PROCESSABLE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
  'image/tiff'
])

/** A photo of 24 megapixels is about 10 MiB; this is far above any photo and below memory trouble. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024

export interface InputImage {
  bytes: Buffer
  type: ImageType
}

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code

export async function readInput(path: string): Promise<InputImage> {
  const name = basename(path)
  let handle: FileHandle
  try {
    handle = await open(path, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
  } catch (error) {
    throw readFailure(name, error)
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new TaskFailure('read_failed', `${name} is not a plain file`)
    if (info.size > MAX_INPUT_BYTES) {
      throw new TaskFailure('too_large', `${name} is over ${MAX_INPUT_BYTES / 1024 / 1024} MiB`)
    }
    const bytes = await handle.readFile()
    const type = sniffImageType(bytes.subarray(0, 16 * 1024), true)
    if (type === undefined || type === 'more') {
      throw new TaskFailure('not_image', `${name} is not an image (its first bytes show none)`)
    }
    if (!PROCESSABLE_TYPES.has(type.mime)) {
      throw new TaskFailure(
        'unsupported_image',
        `${name} is ${type.mime}, which processing cannot decode or write (JPEG, PNG, WebP, GIF, AVIF and TIFF can be)`
      )
    }
    return { bytes, type }
  } catch (error) {
    throw error instanceof TaskFailure ? error : readFailure(name, error)
  } finally {
    await handle.close()
  }
}

function readFailure(name: string, error: unknown): TaskFailure {
  const code = codeOf(error)
  const reason =
    code === 'ELOOP'
      ? 'it is a link, which is not followed'
      : code === 'ENOENT'
        ? 'it is gone'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : error instanceof Error
            ? error.message
            : String(error)
  return new TaskFailure('read_failed', `cannot read ${name}: ${reason}`, { cause: error })
}
