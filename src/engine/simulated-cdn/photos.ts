import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { paintPhoto } from './artwork.ts'
import { paddedJpegChunks } from './padding.ts'
import { encodePixelPhoto } from './pixel-photos.ts'
import type { PhotoPixels } from './pixel-limits.ts'

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

/** Fewer pixels for far photo numbers keeps a 10 000-photo CDN quick to prepare. */
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

/**
 * The base JPEGs of photo `index`. With `pixels`, one JPEG of that size in pixels, at the best
 * quality that fits `bytes` (pixel-photos.ts); a photo asked at fewer bytes than it is served
 * whole, as a tiny photo is.
 */
export async function makeBasePhoto(
  index: number,
  pixels?: PhotoPixels,
  bytes = Infinity
): Promise<BasePhoto> {
  if (pixels) return { variants: [(await encodePixelPhoto(index, pixels, bytes)).jpeg] }
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
  return paddedJpegChunks(chooseVariant(base, bytes), trainStart(index), bytes, maxChunk)
}

export function photoBytesOf(base: BasePhoto, index: number, bytes: number): Buffer {
  const size = photoSizeOf(base, bytes)
  if (size >= PHOTO_BYTES_LIMIT) {
    throw new RangeError(`photoBytes is for sizes under 256 MiB; stream ${size} bytes instead`)
  }
  return Buffer.concat([...photoChunks(base, index, bytes, 1024 * 1024)], size)
}

/** Where the photo's padding starts in the shared segment train. */
function trainStart(index: number): number {
  return createHash('sha256').update(`simulated-cdn/photo/${index}`).digest().readUInt32BE(0)
}

/** `/photos/photo-0001-1a2b3c4d`: a number from 1 and a stable tag, with no extension. */
export function photoPath(index: number): string {
  return `/photos/photo-${String(index + 1).padStart(4, '0')}-${photoTag(index)}`
}

export function photoTag(index: number): string {
  return createHash('sha256').update(`photo-${index}`).digest('hex').slice(0, 8)
}
