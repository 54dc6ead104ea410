/** Real image files in a temporary folder, painted as the simulated CDN paints its photos. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import type { RunEvent } from '../../../src/common/events.ts'
import { paintPhoto } from '../../../src/engine/simulated-cdn/artwork.ts'

export interface TempDir {
  path: string
  remove(): Promise<void>
}

export async function tempDir(): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), 'process-test-'))
  return { path, remove: () => rm(path, { recursive: true, force: true }) }
}

/**
 * A photo-like JPEG (sky gradient, sun, hills with hard edges) of `width` × `height`;
 * `orientation` stores those pixels with that EXIF orientation (6: shown turned 90° clockwise).
 */
export async function photoJpeg(
  width: number,
  height: number,
  options: { index?: number; orientation?: number; quality?: number } = {}
): Promise<Buffer> {
  const { pixels } = paintPhoto(options.index ?? 3, width, height)
  addDetail(pixels, width, height)
  const image = sharp(pixels, { raw: { width, height, channels: 3 } })
  const tagged = options.orientation
    ? image.withMetadata({ orientation: options.orientation })
    : image
  return tagged.jpeg({ quality: options.quality ?? 92 }).toBuffer()
}

/**
 * Fine detail over the painting, as a photo has (foliage, grain): grain of ±24 everywhere and
 * stripes 2 px wide in the lower left quarter. A blur removes it, so an output that was not
 * blurred, or blurred too little or too much, differs clearly from one that was.
 */
function addDetail(pixels: Buffer, width: number, height: number): void {
  let seed = 0x9e3779b9
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0
      const grain = ((seed >>> 24) % 49) - 24
      const stripe = x < width / 2 && y > height / 2 && (x >> 1) % 2 === 0 ? 60 : 0
      for (let c = 0; c < 3; c++) {
        const at = (y * width + x) * 3 + c
        pixels[at] = Math.max(0, Math.min(255, pixels[at]! + grain - stripe))
      }
    }
  }
}

export async function writePhoto(
  dir: string,
  name: string,
  width: number,
  height: number,
  options: { index?: number; orientation?: number } = {}
): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, await photoJpeg(width, height, options))
  return path
}

/** A file's decoded pixels, with its size and format. */
export async function pixelsOf(path: string): Promise<{
  data: Buffer
  width: number
  height: number
  format: string
}> {
  const bytes = await readFile(path)
  const { format } = await sharp(bytes).metadata()
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height, format }
}

/** Peak signal-to-noise ratio of two 8-bit images of the same size, in dB. */
export function psnr(a: Buffer, b: Buffer): number {
  if (a.length !== b.length) throw new Error(`sizes differ: ${a.length} and ${b.length}`)
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2
  const mse = sum / a.length
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse)
}

/** The events of a run, and each task's, in the order they came. */
export function eventLog(): { events: RunEvent[]; onEvent: (event: RunEvent) => void } {
  const events: RunEvent[] = []
  return { events, onEvent: (event) => events.push(event) }
}

/** The index of the first event matching. */
export function indexOf(events: RunEvent[], match: (event: RunEvent) => boolean): number {
  return events.findIndex(match)
}
