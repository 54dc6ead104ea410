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

/**
 * Blurs `image` in place. Besides the image, a pass holds one row (along the rows) or
 * the rows its box reaches back to (down the columns), so a 24-megapixel photo costs
 * its own 72 MiB and not twice that.
 */
export async function gaussianBlur(
  image: RawPixels,
  sigma: number,
  rows: RowRunner
): Promise<void> {
  if (sigma <= 0) return
  for (const width of boxWidths(sigma)) {
    const radius = (width - 1) / 2
    await horizontalBox(image, radius, rows)
    await verticalBox(image, radius, rows)
  }
}

/**
 * One box along each row: a running sum per channel over a copy of the row, the edges
 * repeated. The loop is split where the box leaves the row's ends, so the middle, most
 * of the row, reads without clamping.
 */
function horizontalBox(
  { data, width, height, channels }: RawPixels,
  radius: number,
  rows: RowRunner
): Promise<void> {
  const stride = width * channels
  const scale = 1 / (2 * radius + 1)
  const last = width - 1
  const line = new Uint8Array(stride)
  // Pixels whose box reaches neither end: [radius, width - radius - 1).
  const middleStart = Math.min(radius, width)
  const middleEnd = Math.max(middleStart, width - radius - 1)
  return rows.run(height, stride, (y) => {
    const row = y * stride
    line.set(data.subarray(row, row + stride))
    for (let c = 0; c < channels; c++) {
      const firstValue = line[c]!
      const lastValue = line[last * channels + c]!
      let sum = (radius + 1) * firstValue
      for (let i = 1; i <= radius; i++) sum += line[Math.min(i, last) * channels + c]!
      let x = 0
      for (; x < middleStart; x++) {
        data[row + x * channels + c] = (sum * scale + 0.5) | 0
        sum += line[Math.min(x + radius + 1, last) * channels + c]! - firstValue
      }
      let enter = (x + radius + 1) * channels + c
      let leave = (x - radius) * channels + c
      for (let at = row + x * channels + c; x < middleEnd; x++, at += channels) {
        data[at] = (sum * scale + 0.5) | 0
        sum += line[enter]! - line[leave]!
        enter += channels
        leave += channels
      }
      for (; x < width; x++) {
        data[row + x * channels + c] = (sum * scale + 0.5) | 0
        sum += lastValue - line[Math.max(x - radius, 0) * channels + c]!
      }
    }
  })
}

/**
 * One box down the columns, computed row after row (memory is read in order): one
 * running sum per column and channel, moved down a row at a time. A row is overwritten
 * once its result is in, so the rows the box still has to take out of its sums, the
 * last `radius + 1`, are kept in a ring as they were.
 */
function verticalBox(
  { data, width, height, channels }: RawPixels,
  radius: number,
  rows: RowRunner
): Promise<void> {
  const stride = width * channels
  const scale = 1 / (2 * radius + 1)
  const last = height - 1
  const slots = Math.min(radius + 1, height)
  const ring = new Uint8Array(slots * stride)
  const sums = new Int32Array(stride)
  for (let k = 0; k < stride; k++) {
    let sum = (radius + 1) * data[k]!
    for (let i = 1; i <= radius; i++) sum += data[Math.min(i, last) * stride + k]!
    sums[k] = sum
  }
  return rows.run(height, stride, (y) => {
    const row = y * stride
    ring.set(data.subarray(row, row + stride), (y % slots) * stride)
    // Rows below are still as they were; the row leaving is in the ring.
    const enter = Math.min(y + radius + 1, last) * stride
    const leave = (Math.max(y - radius, 0) % slots) * stride
    for (let k = 0; k < stride; k++) {
      const sum = sums[k]!
      data[row + k] = (sum * scale + 0.5) | 0
      sums[k] = sum + data[enter + k]! - ring[leave + k]!
    }
  })
}
