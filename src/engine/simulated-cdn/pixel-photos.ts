import { createCipheriv } from 'node:crypto'
import sharp from 'sharp'
import { paintPhoto } from './artwork.ts'
import type { PhotoPixels } from './pixel-limits.ts'

/**
 * JPEG qualities tried, best first, until the photo fits the size asked: a camera's 85 down to 5,
 * where a photo is blocks of colour. Grain makes each step cost bytes, as in a real photo.
 */
export const QUALITY_LADDER = [85, 75, 60, 45, 30, 15, 5] as const

/** A large photo's JPEG and the quality it was encoded at. */
export interface PixelJpeg {
  jpeg: Buffer
  quality: number
}

/**
 * Photos already encoded in this process, by photo, pixels and size: a test or benchmark that
 * starts several CDNs with the same photos encodes each once. Kept to about 64 MiB of JPEGs,
 * the oldest forgotten first.
 */
const encoded = new Map<string, { job: Promise<PixelJpeg>; bytes: number }>()
const CACHE_BYTES = 64 * 1024 * 1024
let cachedBytes = 0

/**
 * Photo `index` at `pixels`, as a JPEG of at most `maxBytes`, at the best quality of the ladder
 * that fits (padding then grows it to the exact size). Rejects with a RangeError that names the
 * smallest size that would do when even the lowest quality is larger: a photo of these pixels
 * cannot be that small, and serving a larger or smaller picture instead would hide it.
 */
export function encodePixelPhoto(
  index: number,
  pixels: PhotoPixels,
  maxBytes: number
): Promise<PixelJpeg> {
  const key = `${index}:${pixels.width}x${pixels.height}:${maxBytes}`
  const known = encoded.get(key)
  if (known) return known.job
  const entry = { job: encodeToFit(index, pixels, maxBytes), bytes: 0 }
  encoded.set(key, entry)
  entry.job.then(
    (photo) => {
      if (encoded.get(key) !== entry) return
      entry.bytes = photo.jpeg.length
      cachedBytes += entry.bytes
      for (const [oldKey, old] of encoded) {
        if (cachedBytes <= CACHE_BYTES || oldKey === key) break
        encoded.delete(oldKey)
        cachedBytes -= old.bytes
      }
    },
    () => encoded.delete(key)
  )
  return entry.job
}

async function encodeToFit(
  index: number,
  pixels: PhotoPixels,
  maxBytes: number
): Promise<PixelJpeg> {
  const raw = await grainyPixels(index, pixels)
  const input = sharp(raw, { raw: { ...pixels, channels: 3 } })
  let smallest = Infinity
  for (const quality of QUALITY_LADDER) {
    const jpeg = await input.clone().jpeg({ quality }).toBuffer()
    if (jpeg.length <= maxBytes) return { jpeg, quality }
    smallest = jpeg.length
  }
  const kib = Math.ceil(smallest / 1024)
  throw new RangeError(
    `photo ${index + 1} at ${pixels.width}×${pixels.height} px is ${kib} KiB at JPEG quality ` +
      `${QUALITY_LADDER.at(-1)}, over the ${Math.floor(maxBytes / 1024)} KiB asked: ask for ${kib} KiB or more, or fewer pixels`
  )
}

/**
 * The landscape at full size: painted at half size (painting is JavaScript, a quarter of the
 * work) and doubled by libvips, then given a sensor's grain so that it compresses as a photo
 * does, not as a flat drawing (a 2400 × 1600 photo is about 300 KiB at quality 85, not 55 KiB).
 */
async function grainyPixels(index: number, { width, height }: PhotoPixels): Promise<Buffer> {
  const halfWidth = Math.ceil(width / 2)
  const halfHeight = Math.ceil(height / 2)
  const half = paintPhoto(index, halfWidth, halfHeight)
  const full = await sharp(half.pixels, {
    raw: { width: halfWidth, height: halfHeight, channels: 3 }
  })
    .resize(width, height, { fit: 'fill', kernel: 'nearest' })
    .raw()
    .toBuffer()
  addGrain(full, index)
  return full
}

/** About one MiB of keystream, a prime number of words so that rows do not repeat it in step. */
const GRAIN_WORDS = 262_147
let grain: Uint32Array | undefined

/**
 * Flips the low 3 bits of every colour value by a keystream (at most ±7 of 255): word by word,
 * with no clamping, a few milliseconds for 2400 × 1600. The keystream is shared by all photos,
 * from a place of each photo's own, so the grain has no pattern a blur could line up.
 */
function addGrain(pixels: Buffer, index: number): void {
  if (!grain) {
    grain = new Uint32Array(GRAIN_WORDS)
    const keystream = createCipheriv(
      'aes-128-ctr',
      Buffer.from('simulated-cdn/gr'),
      Buffer.alloc(16)
    )
    Buffer.from(grain.buffer).set(keystream.update(Buffer.alloc(GRAIN_WORDS * 4)))
  }
  // libvips hands back its own buffer, word-aligned; a copy if one ever is not.
  const aligned = pixels.byteOffset % 4 === 0 ? pixels : Buffer.from(pixels)
  const words = Math.floor(pixels.length / 4)
  const view = new Uint32Array(aligned.buffer, aligned.byteOffset, words)
  const mask = 0x07070707
  let at = (index * 7919) % grain.length
  for (let i = 0; i < words; i++) {
    view[i]! ^= grain[at]! & mask
    if (++at === grain.length) at = 0
  }
  if (aligned !== pixels) aligned.copy(pixels)
}
