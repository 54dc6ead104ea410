/**
 * Shrinking in TypeScript by area averaging (a box filter): each output pixel is the
 * mean of the input area it covers, partly covered pixels weighted by how much of
 * them it covers. It is the right filter for shrinking (every input pixel counts once,
 * so nothing aliases) and separable: each output row sums its input rows, each
 * resampled along the row first.
 */
import type { RawPixels } from './box-blur.ts'
import type { RowRunner } from './rows.ts'

/** Where each output pixel of an axis reads: its first input pixel and the weights from there. */
interface AxisWeights {
  first: Int32Array
  /** Weights of output pixel j: `weights[offsets[j]] ...` up to `offsets[j + 1]`. */
  offsets: Int32Array
  weights: Float64Array
}

function axisWeights(from: number, to: number): AxisWeights {
  const scale = from / to
  const first = new Int32Array(to)
  const offsets = new Int32Array(to + 1)
  const weights: number[] = []
  for (let j = 0; j < to; j++) {
    const start = j * scale
    const end = Math.min((j + 1) * scale, from)
    const lo = Math.floor(start)
    const hi = Math.min(Math.ceil(end), from)
    first[j] = lo
    offsets[j] = weights.length
    for (let i = lo; i < hi; i++) {
      weights.push((Math.min(i + 1, end) - Math.max(i, start)) / (end - start))
    }
  }
  offsets[to] = weights.length
  return { first, offsets, weights: Float64Array.from(weights) }
}

/** `image` shrunk to `width` × `height` (each at most the input's). */
export async function downscale(
  image: RawPixels,
  width: number,
  height: number,
  rows: RowRunner
): Promise<RawPixels> {
  const { data, channels } = image
  const inStride = image.width * channels
  const outStride = width * channels
  const across = axisWeights(image.width, width)
  const down = axisWeights(image.height, height)
  const out = new Uint8Array(height * outStride)
  const line = new Float64Array(outStride)
  const sums = new Float64Array(outStride)

  /** Input row `y` resampled along the row into `line`. */
  const resampleRow = (y: number): void => {
    const row = y * inStride
    for (let x = 0; x < width; x++) {
      const start = across.offsets[x]!
      const end = across.offsets[x + 1]!
      let at = row + across.first[x]! * channels
      for (let c = 0; c < channels; c++) line[x * channels + c] = 0
      for (let w = start; w < end; w++, at += channels) {
        const weight = across.weights[w]!
        for (let c = 0; c < channels; c++) line[x * channels + c]! += weight * data[at + c]!
      }
    }
  }

  await rows.run(height, inStride, (j) => {
    sums.fill(0)
    const start = down.offsets[j]!
    const end = down.offsets[j + 1]!
    for (let w = start, y = down.first[j]!; w < end; w++, y++) {
      resampleRow(y)
      const weight = down.weights[w]!
      for (let k = 0; k < outStride; k++) sums[k]! += weight * line[k]!
    }
    const row = j * outStride
    for (let k = 0; k < outStride; k++) out[row + k] = (sums[k]! + 0.5) | 0
  })
  return { data: out, width, height, channels }
}
