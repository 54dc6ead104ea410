import sharp from 'sharp'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'

/** An Unsplash original's pixels: the processing tests' real work. */
export const ORIGINAL_PIXELS = { width: 2400, height: 1600 }

/** An image file's width and height, as sharp reads its header. */
export async function pixelsOf(file: string): Promise<[number, number]> {
  const { width, height } = await sharp(file).metadata()
  return [width, height]
}

/**
 * `count` photos as the simulated CDN serves them (of `photoPixels`, or its small painted ones),
 * for a test to write where a download would have saved them.
 */
export async function simulatedPhotos(
  count: number,
  options: { sizeKB: number; photoPixels?: { width: number; height: number } }
): Promise<Buffer[]> {
  const cdn = await startSimulatedCdn({ count, latencyMs: 0, bandwidthKBps: 0, ...options })
  try {
    return Array.from({ length: count }, (_, index) => cdn.photoBytes(index))
  } finally {
    await cdn.close()
  }
}
