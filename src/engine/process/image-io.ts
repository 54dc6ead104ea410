/**
 * What both kernels share around their pixels: sharp set up for bounded memory, the
 * size to fit inside, decoding to upright raw pixels, and encoding in the input's own
 * format. Sharp's errors become the task's stable codes, naming the file.
 */
import sharp from 'sharp'
import type { Sharp } from 'sharp'
import { TaskFailure } from '../task-error.ts'
import type { ImageType } from '../files/image-type.ts'
import type { RawPixels } from './box-blur.ts'

// libvips keeps recent operations and their pixels for reuse; a run of large photos
// would hold hundreds of MiB for nothing, since no image is processed twice.
sharp.cache(false)

/**
 * Pillow's `thumbnail((max, max))`: the longer side fits in `max`, the aspect is kept
 * (the other side rounded, at least 1 px), and an image already inside is not enlarged.
 * Both kernels take their size from here, so they give the same size.
 */
export function fitInside(
  width: number,
  height: number,
  max: number
): { width: number; height: number } {
  if (width <= max && height <= max) return { width, height }
  const scale = max / Math.max(width, height)
  return {
    width: width >= height ? max : Math.max(1, Math.round(width * scale)),
    height: height > width ? max : Math.max(1, Math.round(height * scale))
  }
}

/** The input's bytes as sharp reads them: EXIF orientation applied, so the pixels are upright. */
export function openUpright(bytes: Buffer): Sharp {
  return sharp(bytes).rotate()
}

/** Raw pixels as a sharp input. */
export function fromRaw(image: RawPixels): Sharp {
  const { width, height, channels } = image
  return sharp(image.data, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } })
}

/** The image decoded upright into 8-bit interleaved channels. */
export async function decodeUpright(bytes: Buffer, name: string): Promise<RawPixels> {
  try {
    const { data, info } = await openUpright(bytes).raw().toBuffer({ resolveWithObject: true })
    return { data, width: info.width, height: info.height, channels: info.channels }
  } catch (error) {
    throw decodeFailure(name, error)
  }
}

/** Encodes in the input's format, at a quality that keeps the blur free of visible artifacts. */
export async function encodeAs(image: Sharp, type: ImageType): Promise<Buffer> {
  switch (type.mime) {
    case 'image/png':
      return image.png().toBuffer()
    case 'image/webp':
      return image.webp({ quality: 90 }).toBuffer()
    case 'image/gif':
      return image.gif().toBuffer()
    case 'image/avif':
      return image.avif({ quality: 70 }).toBuffer()
    case 'image/tiff':
      return image.tiff().toBuffer()
    default:
      return image.jpeg({ quality: 90 }).toBuffer()
  }
}

/** Sharp's error while decoding `name`, as the task's failure. */
export function decodeFailure(name: string, error: unknown): TaskFailure {
  if (error instanceof TaskFailure) return error
  const reason = error instanceof Error ? error.message : String(error)
  const detail = reason.split('\n')[0]?.trim() ?? reason
  if (/pixel limit/i.test(reason)) {
    return new TaskFailure('too_large', `${name} has too many pixels to process: ${detail}`)
  }
  if (/unsupported image format/i.test(reason)) {
    return new TaskFailure('unsupported_image', `${name} cannot be decoded: ${detail}`)
  }
  return new TaskFailure('corrupt_image', `${name} is damaged or cut short: ${detail}`, {
    cause: error
  })
}
