import { createCipheriv } from 'node:crypto'

/**
 * Grows a JPEG to an exact size, chunk by chunk, without holding the result: APP15 segments go
 * right after SOI (and APP0, if any) and carry an AES-CTR keystream, deterministic for a key yet
 * as incompressible as a real photo. Decoders skip APPn segments, so the picture is unchanged.
 */

const APP15 = 0xef
/** Marker (2) + length (2) + the largest payload a 16-bit length allows. */
const MAX_SEGMENT = 4 + 65533
const MIN_SEGMENT = 4
const ZEROS = Buffer.alloc(MAX_SEGMENT)

export function* paddedJpegChunks(
  base: Buffer,
  key: Buffer,
  size: number,
  maxChunk: number
): Generator<Buffer> {
  const chunk = Math.max(64, Math.floor(maxChunk))
  const padding = size - base.length
  if (padding <= 0) {
    yield* slices(base, chunk)
    return
  }
  const insertAt = headerEnd(base)
  yield base.subarray(0, insertAt)
  if (padding < MIN_SEGMENT) {
    // Too short for a segment: fill bytes (0xFF) before the next marker, which JPEG allows.
    yield Buffer.alloc(padding, 0xff)
  } else {
    const keystream = createCipheriv('aes-128-ctr', key, Buffer.alloc(16))
    for (const segment of segmentSizes(padding)) {
      for (let sent = 0; sent < segment;) {
        const headerBytes = sent === 0 ? 4 : 0
        const length = Math.min(chunk, segment - sent)
        const payload = keystream.update(ZEROS.subarray(0, length - headerBytes))
        if (headerBytes) {
          const header = Buffer.from([0xff, APP15, (segment - 2) >> 8, (segment - 2) & 0xff])
          yield Buffer.concat([header, payload], length)
        } else {
          yield payload
        }
        sent += length
      }
    }
  }
  yield* slices(base.subarray(insertAt), chunk)
}

/** Sizes of the APP15 segments (marker included) that add up to `padding`, each 4..65537. */
export function* segmentSizes(padding: number): Generator<number> {
  const count = Math.ceil(padding / MAX_SEGMENT)
  const last = padding - (count - 1) * MAX_SEGMENT
  const borrow = last < MIN_SEGMENT ? MIN_SEGMENT - last : 0
  for (let i = 0; i < count - 2; i++) yield MAX_SEGMENT
  if (count >= 2) yield MAX_SEGMENT - borrow
  yield last + borrow
}

/** Where padding may go: after SOI, and after a JFIF APP0 segment when there is one. */
function headerEnd(jpeg: Buffer): number {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG: no SOI marker')
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) return 4 + jpeg.readUInt16BE(4)
  return 2
}

function* slices(buffer: Buffer, size: number): Generator<Buffer> {
  for (let start = 0; start < buffer.length; start += size) {
    yield buffer.subarray(start, start + size)
  }
}
