/** A name that ends as an image file's does (what the downloader saves, what processing lists). */
export const IMAGE_EXTENSIONS = /\.(jpe?g|png|gif|webp|avif|bmp|tiff?|heic|heif|svg)$/i
// Windows opens a device for these names, whatever the extension and with spaces before it:
// `CON`, `con.txt`, `CON .jpg` and `con.tar.gz` are all the console.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)\s*(\..*)?$/i
const MAX_FILE_BYTES = 255
const PART = '.part'
// Room for " (9999)" and ".part" within the usual 255-byte limit of a file name.
const MAX_NAME_BYTES = MAX_FILE_BYTES - ' (9999)'.length - PART.length
// Longer than this after the last dot, it is part of the name, not an extension.
const MAX_EXTENSION_CHARS = 16

/**
 * The name the tutorial saves an image under: its URL's last path segment (for
 * `https://images.unsplash.com/photo-…` that is the tutorial's fourth `/`-segment)
 * plus `.jpg` unless it already ends in an image extension. Made safe for every
 * file system: no separators, no `..`, no control characters, no name Windows
 * reserves, at most 255 bytes.
 */
export function fileNameForUrl(url: string): string {
  const stem = urlStem(url)
  const name = sanitizeFileName(IMAGE_EXTENSIONS.test(stem) ? stem : `${stem}.jpg`)
  // `.jpg` alone is a hidden name: made safe as `_jpg`, it needs its extension back.
  return IMAGE_EXTENSIONS.test(name) ? name : sanitizeFileName(`${name}.jpg`)
}

/**
 * Whether the URL's own name ends in an image extension. When it does not, the `.jpg`
 * its file name was given is a guess, and the saved file takes the extension of the
 * type its bytes show (an Unsplash URL serving WebP is saved as `.webp`).
 */
export function urlHasImageExtension(url: string): boolean {
  return IMAGE_EXTENSIONS.test(urlStem(url))
}

/**
 * The name the run planned, with the extension of the type the body turned out to
 * be when the URL gave none: `photo-1.jpg` becomes `photo-1.webp`.
 */
export function nameForType(url: string, fileName: string, extension: string): string {
  if (urlHasImageExtension(url) || !fileName.toLowerCase().endsWith('.jpg')) return fileName
  return `${fileName.slice(0, -'.jpg'.length)}${extension}`
}

/** The URL's last path segment, decoded, without trailing dots or spaces. */
function urlStem(url: string): string {
  let segment = ''
  try {
    const segments = new URL(url).pathname.split('/').filter(Boolean)
    segment = segments.at(-1) ?? ''
  } catch {
    segment = ''
  }
  let decoded = segment
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    // Malformed escapes stay as they are, then get sanitized.
  }
  return decoded.replace(/[\s.]+$/, '') || 'image'
}

export function sanitizeFileName(name: string): string {
  const safe = name
    // A lone surrogate would be written as U+FFFD: a name other than the one reported.
    .toWellFormed()
    .normalize('NFC')
    // Control characters, what Windows forbids, and the bidirectional controls that can make
    // `photo\u202Egpj.exe` look like `photoexe.jpg` in a file manager.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '_')
    .replace(/^[\s.]+/, (lead) => '_'.repeat(lead.length))
    .replace(/[\s.]+$/, '')
  const dot = safe.lastIndexOf('.')
  const hasExtension = dot > 0 && safe.length - dot <= MAX_EXTENSION_CHARS
  const extension = hasExtension ? safe.slice(dot) : ''
  // Cut to size; with no extension after it, the cut must not end in a dot or a space either.
  const fit = (base: string): string => {
    const cut = truncateUtf8(base, MAX_NAME_BYTES - Buffer.byteLength(extension))
    return extension ? cut : cut.replace(/[\s.]+$/, '')
  }
  let base = fit(hasExtension ? safe.slice(0, dot) : safe)
  if (base.replace(/_/g, '') === '') base = fit(`image${base}`)
  if (WINDOWS_RESERVED.test(base)) base = fit(`_${base}`)
  return base + extension
}

/** The longest start of `text` that fits in `maxBytes` of UTF-8, never splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text
  let result = ''
  let bytes = 0
  for (const char of text) {
    const size = Buffer.byteLength(char)
    if (bytes + size > maxBytes) break
    result += char
    bytes += size
  }
  return result
}

/**
 * A name as a case-insensitive file system compares it: NFC (APFS and HFS+ ignore the
 * normalization form), then case folded. JavaScript has no case folding, so upper
 * then lower case stands in for it: `ſ` (long s) and `K` (Kelvin sign) reach `s` and
 * `k` this way, which `toLowerCase` alone leaves apart, and APFS and NTFS do not.
 * Folding more than a file system does only costs a ` (2)`; folding less would let two
 * images share one file.
 */
export function foldName(name: string): string {
  return name.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC')
}

/**
 * Gives every URL of a run its own name: the second image named `a.jpg` becomes
 * `a (2).jpg`. Compared as case-insensitive file systems compare (foldName), since
 * macOS and Windows ignore case. Linear in the number of URLs, however many share a name.
 */
export function assignFileNames(urls: readonly string[]): string[] {
  const taken = new Set<string>()
  const nextSuffix = new Map<string, number>()
  return urls.map((url) => {
    const name = fileNameForUrl(url)
    const key = foldName(name)
    let candidate = name
    if (taken.has(key)) {
      let n = nextSuffix.get(key) ?? 2
      do candidate = withSuffix(name, n++)
      while (taken.has(foldName(candidate)))
      nextSuffix.set(key, n)
    }
    taken.add(foldName(candidate))
    return candidate
  })
}

/** `a (2).jpg`, the name cut shorter if need be so that `.part` still fits in 255 bytes. */
export function withSuffix(name: string, n: number): string {
  const dot = name.lastIndexOf('.')
  const base = dot > 0 ? name.slice(0, dot) : name
  const tail = ` (${n})${dot > 0 ? name.slice(dot) : ''}`
  return truncateUtf8(base, MAX_FILE_BYTES - PART.length - Buffer.byteLength(tail)) + tail
}
