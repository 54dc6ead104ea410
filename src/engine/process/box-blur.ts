/**
 * A Gaussian blur in TypeScript: three box blurs in a row approach a Gaussian (the
 * central limit theorem), each box separable into a horizontal and a vertical pass, each
 * pass a running sum, so the cost is O(pixels) whatever the sigma. Edges repeat their
 * last pixel, as libvips and Pillow do. Pixels are interleaved 8-bit channels; every
 * channel, alpha included, is blurred on its own.
 */
import type { RowRunner } from './rows.ts'

export interface RawPixels {
  data: Uint8Array
  width: number
  height: number
  channels: number
}

/** Box passes per blur: three is within a few percent of a Gaussian. */
export const BOX_PASSES = 3

/**
 * The widths of `passes` boxes whose succession has the variance of a Gaussian of
 * `sigma` (odd widths, some `wl` and the rest `wl + 2`): W. Wells, "Efficient synthesis
 * of Gaussian filters by cascaded uniform filters", 1986.
 */
export function boxWidths(sigma: number, passes = BOX_PASSES): number[] {
  const ideal = Math.sqrt((12 * sigma * sigma) / passes + 1)
  let lower = Math.floor(ideal)
  if (lower % 2 === 0) lower--
  const upper = lower + 2
  const lowerCount = Math.round(
    (12 * sigma * sigma - passes * lower * lower - 4 * passes * lower - 3 * passes) /
      (-4 * lower - 4)
  )
  return Array.from({ length: passes }, (_, i) => (i < lowerCount ? lower : upper))
}

/** How many rows of passes `gaussianBlur` runs (for progress). */
export function blurPassRows(image: RawPixels, sigma: number): number {
  return sigma > 0 ? boxWidths(sigma).length * 2 * image.height : 0
}

/** Blurs `image` in place (its data is replaced by a buffer of the same size). */
export async function gaussianBlur(
  image: RawPixels,
  sigma: number,
  rows: RowRunner
): Promise<void> {
  if (sigma <= 0) return
  let source = image.data
  let target: Uint8Array = new Uint8Array(source.length)
  for (const width of boxWidths(sigma)) {
    const radius = (width - 1) / 2
    await horizontalBox(source, target, image, radius, rows)
    ;[source, target] = [target, source]
    await verticalBox(source, target, image, radius, rows)
    ;[source, target] = [target, source]
  }
  image.data = source
}

/**
 * One box along each row: a running sum per channel, the edges repeated. The loop is
 * split where the box leaves the row's ends, so the middle, most of the row, reads
 * without clamping.
 */
function horizontalBox(
  source: Uint8Array,
  target: Uint8Array,
  { width, height, channels }: RawPixels,
  radius: number,
  rows: RowRunner
): Promise<void> {
  const stride = width * channels
  const scale = 1 / (2 * radius + 1)
  const last = width - 1
  // Pixels whose box reaches neither end: [radius, width - radius - 1).
  const middleStart = Math.min(radius, width)
  const middleEnd = Math.max(middleStart, width - radius - 1)
  return rows.run(height, stride, (y) => {
    const row = y * stride
    for (let c = 0; c < channels; c++) {
      const base = row + c
      const firstValue = source[base]!
      const lastValue = source[base + last * channels]!
      let sum = (radius + 1) * firstValue
      for (let i = 1; i <= radius; i++) sum += source[base + Math.min(i, last) * channels]!
      let x = 0
      for (; x < middleStart; x++) {
        target[base + x * channels] = (sum * scale + 0.5) | 0
        sum += source[base + Math.min(x + radius + 1, last) * channels]! - firstValue
      }
      let enter = base + (x + radius + 1) * channels
      let leave = base + (x - radius) * channels
      for (let at = base + x * channels; x < middleEnd; x++, at += channels) {
        target[at] = (sum * scale + 0.5) | 0
        sum += source[enter]! - source[leave]!
        enter += channels
        leave += channels
      }
      for (; x < width; x++) {
        target[base + x * channels] = (sum * scale + 0.5) | 0
        sum += lastValue - source[base + Math.max(x - radius, 0) * channels]!
      }
    }
  })
}

/**
 * One box down the columns, computed row after row (memory is read in order): one
 * running sum per column and channel, moved down a row at a time.
 */
function verticalBox(
  source: Uint8Array,
  target: Uint8Array,
  { width, height, channels }: RawPixels,
  radius: number,
  rows: RowRunner
): Promise<void> {
  const stride = width * channels
  const scale = 1 / (2 * radius + 1)
  const last = height - 1
  const sums = new Int32Array(stride)
  for (let k = 0; k < stride; k++) {
    let sum = (radius + 1) * source[k]!
    for (let i = 1; i <= radius; i++) sum += source[Math.min(i, last) * stride + k]!
    sums[k] = sum
  }
  return rows.run(height, stride, (y) => {
    const row = y * stride
    const enter = Math.min(y + radius + 1, last) * stride
    const leave = Math.max(y - radius, 0) * stride
    for (let k = 0; k < stride; k++) {
      const sum = sums[k]!
      target[row + k] = (sum * scale + 0.5) | 0
      sums[k] = sum + source[enter + k]! - source[leave + k]!
    }
  })
}
