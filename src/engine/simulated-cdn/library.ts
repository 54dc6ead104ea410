import { makeBasePhoto, photoBytesOf, photoChunks, photoPath, photoSizeOf } from './photos.ts'
import type { BasePhoto } from './photos.ts'
import type { PhotoPixels } from './pixel-limits.ts'

/**
 * Photos the CDN prepares before it starts; later ones are encoded on their first request, while
 * the latency runs, so a 10 000-photo CDN starts as fast as a 100-photo one.
 */
const EAGER_PHOTOS = 100

/** The photos of one CDN: their base JPEGs, encoded once, and what grows from them. */
export interface PhotoLibrary {
  readonly count: number
  /** The size photos have unless a URL asks for another. */
  readonly defaultBytes: number
  path(index: number): string
  /** Encodes that photo's base JPEGs unless they are ready. */
  prepare(index: number): Promise<void>
  /** Prepares every photo. */
  prepareAll(): Promise<void>
  /** The rest need the photo prepared: throws if it is not. */
  size(index: number, bytes?: number): number
  bytes(index: number, bytes?: number): Buffer
  chunks(index: number, bytes: number | undefined, maxChunk: number): Generator<Buffer>
}

export async function createPhotoLibrary(
  count: number,
  defaultBytes: number,
  pixels?: PhotoPixels
): Promise<PhotoLibrary> {
  const bases: (BasePhoto | undefined)[] = new Array(count)
  const pending = new Map<number, Promise<void>>()

  const checkIndex = (index: number): number => {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`no photo ${index}: the CDN has photos 0..${count - 1}`)
    }
    return index
  }
  const base = (index: number): BasePhoto => {
    const photo = bases[checkIndex(index)]
    if (!photo) throw new Error(`photo ${index} is not prepared yet: await cdn.ready() first`)
    return photo
  }
  const checkBytes = (bytes: number): number => {
    if (!Number.isSafeInteger(bytes) || bytes < 1) {
      throw new RangeError(`a photo size is a whole number of bytes, not ${bytes}`)
    }
    return bytes
  }
  const prepare = (index: number): Promise<void> => {
    if (bases[checkIndex(index)]) return Promise.resolve()
    let job = pending.get(index)
    if (!job) {
      job = makeBasePhoto(index, pixels, defaultBytes)
        .then((photo) => void (bases[index] = photo))
        .finally(() => pending.delete(index))
      pending.set(index, job)
    }
    return job
  }
  const prepareRange = async (end: number): Promise<void> => {
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < end) await prepare(next++)
    }
    // Large photos two at a time: each holds its full-size pixels while libvips encodes it.
    await Promise.all(Array.from({ length: Math.min(pixels ? 2 : 4, end) }, worker))
  }

  await prepareRange(Math.min(count, EAGER_PHOTOS))
  return {
    count,
    defaultBytes,
    path: (index) => photoPath(checkIndex(index)),
    prepare,
    prepareAll: () => prepareRange(count),
    size: (index, bytes = defaultBytes) => photoSizeOf(base(index), checkBytes(bytes)),
    bytes: (index, bytes = defaultBytes) => photoBytesOf(base(index), index, checkBytes(bytes)),
    chunks: (index, bytes = defaultBytes, maxChunk) =>
      photoChunks(base(index), index, checkBytes(bytes), maxChunk)
  }
}
