/**
 * The picture inside each simulated photo, painted as raw RGB pixels so it is the same on every
 * machine (no fonts, no SVG renderer): a landscape in a hue of its own, a sun, rolling hills and
 * the photo's number in seven-segment digits.
 */

export interface RawImage {
  width: number
  height: number
  /** RGB, 3 bytes a pixel, row after row. */
  pixels: Buffer
}

const GOLDEN_ANGLE = 137.50776

export function paintPhoto(index: number, width: number, height: number): RawImage {
  const pixels = Buffer.alloc(width * height * 3)
  const hue = (index * GOLDEN_ANGLE) % 360
  const sunX = width * (0.2 + 0.6 * fraction(index * 0.618034))
  const sunY = height * (0.18 + 0.15 * fraction(index * 0.414214))
  const sunR = height * 0.11
  const phase = index * 1.7
  const ridge = new Float64Array(width)
  for (let x = 0; x < width; x++) {
    const u = x / width
    ridge[x] = 0.62 + 0.07 * Math.sin(u * 7 + phase) + 0.04 * Math.sin(u * 17 + phase * 2.3)
  }

  for (let y = 0; y < height; y++) {
    const v = y / height
    const dy = y - sunY
    for (let x = 0; x < width; x++) {
      const u = x / width
      const o = (y * width + x) * 3
      const above = v - ridge[x]!
      if (above > 0) {
        hsvInto(pixels, o, hue + 160 + 30 * u, 0.55, 0.55 - 0.3 * above)
        continue
      }
      hsvInto(pixels, o, hue + 50 * (0.6 * u + 0.4 * v), 0.35 + 0.4 * v, 0.98 - 0.25 * v)
      const dx = x - sunX
      if (Math.abs(dx) < sunR && Math.abs(dy) < sunR) {
        const glow = 1 - Math.sqrt(dx * dx + dy * dy) / sunR
        if (glow > 0) {
          const sun = glow > 0.25 ? 1 : glow * 4
          pixels[o] = mix(pixels[o]!, 255, sun)
          pixels[o + 1] = mix(pixels[o + 1]!, 245, sun)
          pixels[o + 2] = mix(pixels[o + 2]!, 210, sun)
        }
      }
    }
  }

  const image = { width, height, pixels }
  const digitHeight = Math.max(10, Math.round(height * 0.2))
  const margin = Math.max(2, Math.round(height * 0.05))
  const shadow = Math.max(1, Math.round(digitHeight / 24))
  const left = margin
  const top = height - margin - digitHeight
  drawNumber(image, index + 1, left + shadow, top + shadow, digitHeight, [20, 20, 30])
  drawNumber(image, index + 1, left, top, digitHeight, [255, 255, 255])
  return image
}

function fraction(n: number): number {
  return n - Math.floor(n)
}

function mix(a: number, b: number, t: number): number {
  return Math.round(a + (b - a) * t)
}

/** Writes the RGB of an HSV colour (hue in degrees, s and v in 0..1) at `offset`. */
function hsvInto(out: Buffer, offset: number, hueDegrees: number, s: number, v: number): void {
  let h = hueDegrees / 60
  h -= 6 * Math.floor(h / 6)
  const sector = h | 0
  const f = h - sector
  // 0.5 rounds: a Buffer truncates what it is given.
  const max = v * 255 + 0.5
  const min = v * (1 - s) * 255 + 0.5
  const falling = v * (1 - s * f) * 255 + 0.5
  const rising = v * (1 - s * (1 - f)) * 255 + 0.5
  let r = max
  let g = rising
  let b = min
  switch (sector) {
    case 1:
      r = falling
      g = max
      break
    case 2:
      r = min
      g = max
      b = rising
      break
    case 3:
      r = min
      g = falling
      b = max
      break
    case 4:
      r = rising
      g = min
      b = max
      break
    case 5:
      g = min
      b = falling
  }
  out[offset] = r
  out[offset + 1] = g
  out[offset + 2] = b
}

// Segments a..g of each digit, as in a seven-segment display.
const SEGMENTS: readonly string[] = [
  'abcdef',
  'bc',
  'abdeg',
  'abcdg',
  'bcfg',
  'acdfg',
  'acdefg',
  'abc',
  'abcdefg',
  'abcdfg'
]

function drawNumber(
  image: RawImage,
  n: number,
  left: number,
  top: number,
  height: number,
  rgb: readonly [number, number, number]
): void {
  const width = Math.round(height / 2)
  const t = Math.max(1, Math.round(height / 9))
  const half = Math.round(height / 2)
  let x = left
  for (const char of String(n)) {
    const on = SEGMENTS[Number(char)] ?? ''
    const rects: Record<string, [number, number, number, number]> = {
      a: [x, top, width, t],
      b: [x + width - t, top, t, half],
      c: [x + width - t, top + half, t, height - half],
      d: [x, top + height - t, width, t],
      e: [x, top + half, t, height - half],
      f: [x, top, t, half],
      g: [x, top + half - Math.floor(t / 2), width, t]
    }
    for (const segment of on) {
      const rect = rects[segment]
      if (rect) fillRect(image, ...rect, rgb)
    }
    x += width + t * 2
  }
}

function fillRect(
  { width, height, pixels }: RawImage,
  x0: number,
  y0: number,
  w: number,
  h: number,
  [r, g, b]: readonly [number, number, number]
): void {
  for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
    for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
      const o = (y * width + x) * 3
      pixels[o] = r
      pixels[o + 1] = g
      pixels[o + 2] = b
    }
  }
}
