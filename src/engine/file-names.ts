const IMAGE_EXTENSIONS = /\.(jpe?g|png|gif|webp|avif|bmp|tiff?|heic|svg)$/i
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i
// Room for " (9999)" and ".part" within the usual 255-byte limit of a file name.
const MAX_NAME_BYTES = 255 - ' (9999)'.length - '.part'.length

/**
 * The name the tutorial saves an image under: its URL's last path segment (for
 * `https://images.unsplash.com/photo-…` that is the tutorial's fourth `/`-segment)
 * plus `.jpg` unless it already ends in an image extension. Made safe for every
 * file system: no separators, no `..`, no control characters, no name Windows
 * reserves, at most 255 bytes.
 */
export function fileNameForUrl(url: string): string {
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
  const stem = decoded.replace(/[\s.]+$/, '') || 'image'
  return sanitizeFileName(IMAGE_EXTENSIONS.test(stem) ? stem : `${stem}.jpg`)
}

export function sanitizeFileName(name: string): string {
  let safe = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .replace(/^[\s.]+/, (lead) => '_'.repeat(lead.length))
    .replace(/[\s.]+$/, '')
  const dot = safe.lastIndexOf('.')
  let base = dot > 0 ? safe.slice(0, dot) : safe
  const extension = dot > 0 ? safe.slice(dot) : ''
  if (base.replace(/_/g, '') === '') base = `image${base}`
  if (WINDOWS_RESERVED.test(base)) base = `_${base}`
  safe = truncateUtf8(base, MAX_NAME_BYTES - Buffer.byteLength(extension)) + extension
  return safe
}

function truncateUtf8(text: string, maxBytes: number): string {
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
 * Gives every URL of a run its own name: the second image named `a.jpg` becomes
 * `a (2).jpg`. Compared without case, since macOS and Windows ignore it.
 */
export function assignFileNames(urls: readonly string[]): string[] {
  const taken = new Set<string>()
  return urls.map((url) => {
    const name = fileNameForUrl(url)
    let candidate = name
    const dot = name.lastIndexOf('.')
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
      candidate = dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`
    }
    taken.add(candidate.toLowerCase())
    return candidate
  })
}
