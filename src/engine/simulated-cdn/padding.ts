import { createCipheriv } from 'node:crypto'

/**
 * Grows a JPEG to an exact size, chunk by chunk, without holding the result: APP15 segments go
 * right after SOI (and APP0, if any). Decoders skip APPn segments, so the picture is unchanged.
 *
 * The segments come from one shared train of 64 full segments (4 MiB) of AES-CTR keystream, as
 * incompressible as a real photo, made once per process. Each photo starts at its own place in
 * the train and streams slices of it without copying, so serving costs almost no CPU even when
 * dozens of connections at 20 MiB/s share the process with the client that downloads them.
 */

const APP15 = 0xef
/** Marker (2) + length (2) + the largest payload a 16-bit length allows. */
const MAX_SEGMENT = 4 + 65533
const MIN_SEGMENT = 4
const TRAIN_SEGMENTS = 64

let train: Buffer | undefined

function segmentTrain(): Buffer {
  if (train) return train
  const key = Buffer.from('simulated-cdn/v1')
  const keystream = createCipheriv('aes-128-ctr', key, Buffer.alloc(16))
  train = keystream.update(Buffer.alloc(TRAIN_SEGMENTS * MAX_SEGMENT))
  for (let offset = 0; offset < train.length; offset += MAX_SEGMENT) {
    segmentHeader(MAX_SEGMENT).copy(train, offset)
  }
  return train
}

/**
 * The chunks, at most `maxChunk` bytes each, of `base` grown to `size` bytes (or of `base` alone
 * if it is that large already). `start` picks the photo's place in the segment train.
 */
export function* paddedJpegChunks(
  base: Buffer,
  start: number,
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
    const segments = segmentSizes(padding)
    const full = segments.fullCount
    const train = segmentTrain()
    let segment = start % TRAIN_SEGMENTS
    for (let left = full; left > 0;) {
      const run = Math.min(left, TRAIN_SEGMENTS - segment)
      yield* slices(train.subarray(segment * MAX_SEGMENT, (segment + run) * MAX_SEGMENT), chunk)
      left -= run
      segment = (segment + run) % TRAIN_SEGMENTS
    }
    const tail = segments.tail.map((length, i) => {
      const from = ((segment + i) % TRAIN_SEGMENTS) * MAX_SEGMENT + 4
      return Buffer.concat([segmentHeader(length), train.subarray(from, from + length - 4)])
    })
    yield* slices(Buffer.concat(tail), chunk)
  }
  yield* slices(base.subarray(insertAt), chunk)
}

/**
 * APP15 segments (marker included, 4..65537 bytes each) that add up to `padding`: `fullCount` of
 * the largest size, then one or two shorter ones.
 */
export function segmentSizes(padding: number): { fullCount: number; tail: number[] } {
  const count = Math.ceil(padding / MAX_SEGMENT)
  const last = padding - (count - 1) * MAX_SEGMENT
  if (last === MAX_SEGMENT) return { fullCount: count, tail: [] }
  if (last >= MIN_SEGMENT || count === 1) return { fullCount: count - 1, tail: [last] }
  // A remainder of 1..3 bytes is too short for a segment: the one before gives it some.
  const borrow = MIN_SEGMENT - last
  return { fullCount: count - 2, tail: [MAX_SEGMENT - borrow, MIN_SEGMENT] }
}

function segmentHeader(length: number): Buffer {
  return Buffer.from([0xff, APP15, (length - 2) >> 8, (length - 2) & 0xff])
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
