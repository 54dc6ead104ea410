import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { paintPhoto } from './artwork.ts'
import { paddedJpegChunks } from './padding.ts'

/**
 * The small JPEGs each photo grows from: a large one and a tiny one, so that any size from the
 * tiny one's up can be served exactly. Every size of 16 KiB or more is exact.
 */
export interface BasePhoto {
  /** Largest first. */
  variants: readonly Buffer[]
}

export const EXACT_FROM_BYTES = 16 * 1024
const PHOTO_BYTES_LIMIT = 256 * 1024 * 1024

/** Fewer pixels for far photo numbers keeps the start of a 10 000-photo CDN short. */
function largeDimensions(index: number): [number, number] {
  if (index < 100) return [640, 427]
  if (index < 1000) return [320, 213]
  return [160, 107]
}

async function encode(index: number, width: number, height: number, quality: number) {
  const { pixels } = paintPhoto(index, width, height)
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer()
}

export async function makeBasePhoto(index: number): Promise<BasePhoto> {
  const [width, height] = largeDimensions(index)
  let large = await encode(index, width, height, 80)
  for (let quality = 70; large.length >= EXACT_FROM_BYTES && quality >= 30; quality -= 10) {
    large = await encode(index, width, height, quality)
  }
  const tiny = await encode(index, 48, 32, 60)
  return { variants: [large, tiny] }
}

/** The base JPEG that a photo of `bytes` bytes grows from: the largest that fits, or the tiniest. */
export function chooseVariant(base: BasePhoto, bytes: number): Buffer {
  const fits = base.variants.find((variant) => variant.length <= bytes)
  return fits ?? (base.variants[base.variants.length - 1] as Buffer)
}

export function photoSizeOf(base: BasePhoto, bytes: number): number {
  return Math.max(bytes, chooseVariant(base, bytes).length)
}

export function photoChunks(
  base: BasePhoto,
  index: number,
  bytes: number,
  maxChunk: number
): Generator<Buffer> {
  return paddedJpegChunks(chooseVariant(base, bytes), paddingKey(index), bytes, maxChunk)
}

export function photoBytesOf(base: BasePhoto, index: number, bytes: number): Buffer {
  const size = photoSizeOf(base, bytes)
  if (size >= PHOTO_BYTES_LIMIT) {
    throw new RangeError(`photoBytes is for sizes under 256 MiB; stream ${size} bytes instead`)
  }
  return Buffer.concat([...photoChunks(base, index, bytes, 1024 * 1024)], size)
}

export function paddingKey(index: number): Buffer {
  return createHash('sha256').update(`simulated-cdn/photo/${index}`).digest().subarray(0, 16)
}

/** `/photos/photo-0001-1a2b3c4d`: a number from 1 and a stable tag, with no extension. */
export function photoPath(index: number): string {
  return `/photos/photo-${String(index + 1).padStart(4, '0')}-${photoTag(index)}`
}

export function photoTag(index: number): string {
  return createHash('sha256').update(`photo-${index}`).digest('hex').slice(0, 8)
}

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
  defaultBytes: number
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
      job = makeBasePhoto(index)
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
    await Promise.all(Array.from({ length: Math.min(4, end) }, worker))
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
