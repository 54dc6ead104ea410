/**
 * What sizes in pixels the simulated CDN makes photos at. Apart from pixel-photos.ts, which makes
 * them with sharp, so that the CLI checks its options without loading sharp.
 */

/** A photo's size in pixels, as a camera or Unsplash's originals have it (2400 × 1600 and up). */
export interface PhotoPixels {
  width: number
  height: number
}

/** Each side from 16 px; at most 10 000 px a side and 48 megapixels (a 8000 × 6000 photo). */
export const PHOTO_PIXELS_LIMITS = { minSide: 16, maxSide: 10_000, maxPixels: 48_000_000 } as const

/** Why these pixels cannot be a photo, or undefined when they can. */
export function photoPixelsProblem({ width, height }: PhotoPixels): string | undefined {
  const { minSide, maxSide, maxPixels } = PHOTO_PIXELS_LIMITS
  const side = (n: number): boolean => Number.isSafeInteger(n) && n >= minSide && n <= maxSide
  if (!side(width) || !side(height)) {
    return `photo pixels are whole numbers from ${minSide} to ${maxSide} a side, not ${width}×${height}`
  }
  if (width * height > maxPixels) {
    return `photo pixels are at most ${maxPixels / 1e6} megapixels, not ${width}×${height}`
  }
  return undefined
}
