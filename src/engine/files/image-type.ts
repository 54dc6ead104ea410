/**
 * What the body really is, from its first bytes: the server's Content-Type is a
 * claim (an "Access denied" page often comes as image/jpeg), the magic bytes are not.
 */
import { TaskFailure } from '../task-error.ts'

export interface ImageType {
  mime: string
  /** The extension a file of this type is saved with when its URL had none. */
  extension: string
}

const TYPES = {
  jpeg: { mime: 'image/jpeg', extension: '.jpg' },
  png: { mime: 'image/png', extension: '.png' },
  gif: { mime: 'image/gif', extension: '.gif' },
  webp: { mime: 'image/webp', extension: '.webp' },
  avif: { mime: 'image/avif', extension: '.avif' },
  heic: { mime: 'image/heic', extension: '.heic' },
  heif: { mime: 'image/heif', extension: '.heif' },
  bmp: { mime: 'image/bmp', extension: '.bmp' },
  tiff: { mime: 'image/tiff', extension: '.tiff' },
  svg: { mime: 'image/svg+xml', extension: '.svg' }
} satisfies Record<string, ImageType>

/** Enough to find an SVG's root element after an XML declaration, comments and a doctype. */
export const SNIFF_LIMIT = 16 * 1024
// The DIB header sizes a BMP can have (core, info, v2-v5): "BM" alone starts many a text.
const BMP_HEADERS = new Set([12, 40, 52, 56, 64, 108, 124])
const AVIF_BRANDS = new Set(['avif', 'avis'])
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs'])
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'mif2'])

const ascii = (head: Buffer, start: number, end: number): string =>
  head.toString('latin1', start, end)
const startsWith = (head: Buffer, bytes: number[]): boolean =>
  head.length >= bytes.length && bytes.every((byte, index) => head[index] === byte)

/**
 * The image type the first bytes show; `undefined` when they show none; `'more'`
 * when more bytes are needed to tell (and `ended` is false).
 */
export function sniffImageType(head: Buffer, ended: boolean): ImageType | 'more' | undefined {
  const need = (count: number): 'more' | undefined =>
    head.length < count && !ended ? 'more' : undefined
  if (head.length === 0) return ended ? undefined : 'more'
  if (startsWith(head, [0xff, 0xd8, 0xff])) return TYPES.jpeg
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return TYPES.png
  if (head.length >= 6 && /^GIF8[79]a$/.test(ascii(head, 0, 6))) return TYPES.gif
  if (ascii(head, 0, 4) === 'RIFF') {
    if (head.length < 12) return need(12)
    return ascii(head, 8, 12) === 'WEBP' ? TYPES.webp : undefined
  }
  if (ascii(head, 0, 2) === 'BM') {
    if (head.length < 18) return need(18)
    return BMP_HEADERS.has(head.readUInt32LE(14)) ? TYPES.bmp : undefined
  }
  if (head.length >= 4) {
    const tiff = ascii(head, 0, 4)
    if (tiff === 'II*\0' || tiff === 'MM\0*' || tiff === 'II+\0' || tiff === 'MM\0+') {
      return TYPES.tiff
    }
  }
  if (head.length < 12) {
    const partial = need(12)
    if (partial) return partial
  } else if (ascii(head, 4, 8) === 'ftyp') return isoImageType(head, ended)
  return svgType(head, ended)
}

/** AVIF and HEIC/HEIF are ISO media files: an `ftyp` box whose brands say which. */
function isoImageType(head: Buffer, ended: boolean): ImageType | 'more' | undefined {
  const boxSize = head.readUInt32BE(0)
  if (boxSize < 16 || boxSize > 4096) return undefined
  if (head.length < boxSize) return ended ? undefined : 'more'
  const brands = [ascii(head, 8, 12)]
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(head, at, at + 4))
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return TYPES.avif
  if (brands.some((brand) => HEIC_BRANDS.has(brand))) return TYPES.heic
  if (brands.some((brand) => HEIF_BRANDS.has(brand))) return TYPES.heif
  return undefined
}

/**
 * SVG is text: after a byte-order mark and white space, any XML declaration,
 * processing instructions, comments and one doctype, the root element is `<svg`.
 * An HTML page that holds an `<svg>` starts with `<!DOCTYPE html>` or `<html>`, and is not one.
 */
function svgType(head: Buffer, ended: boolean): ImageType | 'more' | undefined {
  let text = head.toString('utf8', 0, Math.min(head.length, SNIFF_LIMIT))
  if (text.startsWith('\uFEFF')) text = text.slice(1)
  const complete = ended || head.length >= SNIFF_LIMIT
  let at = 0
  for (;;) {
    while (at < text.length && /\s/.test(text[at] ?? '')) at++
    const rest = text.slice(at)
    if (rest.length === 0) return complete ? undefined : 'more'
    if (!rest.startsWith('<')) return undefined
    let close: string | undefined
    if (rest.startsWith('<?')) close = '?>'
    else if (rest.startsWith('<!--')) close = '-->'
    else if (/^<!doctype/i.test(rest)) {
      // A doctype's internal subset holds `>` inside brackets.
      if (/^<!doctype\s+html\b/i.test(rest)) return undefined
      close = rest.includes('[') && rest.indexOf('[') < rest.indexOf('>') ? ']>' : '>'
    } else if (rest.length < 5) return complete ? undefined : 'more'
    else return /^<svg[\s>/]/.test(rest) || /^<svg:svg[\s>/]/.test(rest) ? TYPES.svg : undefined
    const end = rest.indexOf(close)
    if (end < 0) return complete ? undefined : 'more'
    at += end + close.length
  }
}

/** A short, safe description of what the body started with, for the not_image message. */
function describeHead(head: Buffer): string {
  if (head.length === 0) return 'the body was empty'
  const text = head.toString('latin1', 0, 64)
  if (/^\s*<(!doctype\s+html|html|head|body)/i.test(text)) return 'the body is an HTML page'
  if (/^\s*[{[]/.test(text)) return 'the body looks like JSON'
  const hex = head.subarray(0, 8).toString('hex').replace(/(..)/g, '$1 ').trim()
  return `its first bytes (${hex}) are no image format`
}

/**
 * The check between the body and the `.part` file: holds the first bytes back until
 * they show an image type (nothing is written before that), then lets the rest
 * through; fails with `not_image` otherwise, and with `too_large` past `maxBytes`
 * (the decoded size, which a compressed body can make much larger than it was sent).
 * A plain object, not a stream stage: it is called from the body's own data listener
 * (files/body-sink.ts).
 */
export class HeadCheck {
  type: ImageType | undefined
  private head: Buffer[] = []
  private headBytes = 0
  private total = 0
  private readonly claimed: string

  private readonly maxBytes: number

  constructor(maxBytes: number, contentType: string, known?: ImageType) {
    this.maxBytes = maxBytes
    this.type = known
    this.claimed = contentType.split(';')[0]?.trim() ?? ''
  }

  /** What may be written now of `chunk` and the bytes held before it: nothing until the type shows. */
  take(chunk: Buffer): Buffer | undefined {
    this.total += chunk.length
    if (this.total > this.maxBytes) {
      throw new TaskFailure(
        'too_large',
        `over the ${(this.maxBytes / 1048576).toFixed(1)} MiB limit`
      )
    }
    if (this.type) return chunk
    this.head.push(chunk)
    this.headBytes += chunk.length
    return this.decide(false)
  }

  /** At the body's end: what was still held back, or the failure of a body that is no image. */
  end(): Buffer | undefined {
    return this.type ? undefined : this.decide(true)
  }

  private decide(ended: boolean): Buffer | undefined {
    // The first chunk alone nearly always shows the type: no copy of it then.
    const head = this.head.length === 1 ? this.head[0]! : Buffer.concat(this.head, this.headBytes)
    const found = sniffImageType(head, ended || this.headBytes >= SNIFF_LIMIT)
    if (found === 'more') return undefined
    if (!found) {
      const claim = this.claimed ? ` though the server said "${this.claimed}"` : ''
      throw new TaskFailure('not_image', `not an image: ${describeHead(head)}${claim}`)
    }
    this.type = found
    this.head = []
    return head
  }
}
