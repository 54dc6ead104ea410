import { MAX_URL_LENGTH, MAX_URLS } from './defaults.ts'
import type { ImageSize } from './schemas.ts'

export interface UrlLine {
  /** 1-based line number in the text. */
  line: number
  text: string
  /** Why the line cannot be downloaded; absent when it can. */
  error?: string
}

export interface ParsedUrlList {
  /** The lines to download, in order, without blanks, comments and repeats. */
  urls: string[]
  /** Every non-blank, non-comment line, with its error if it has one. */
  lines: UrlLine[]
  invalid: UrlLine[]
  duplicates: number
}

export interface UrlError {
  code: 'invalid_url' | 'unsupported_protocol'
  message: string
}

/** Why a URL cannot be downloaded, with its error code, or undefined when it can. */
export function urlError(text: string): UrlError | undefined {
  const invalid = (message: string): UrlError => ({ code: 'invalid_url', message })
  if (text.length > MAX_URL_LENGTH) return invalid(`longer than ${MAX_URL_LENGTH} characters`)
  // The URL parser drops tabs and line breaks without a word: two URLs pasted from a
  // spreadsheet's row would become one that points nowhere.
  if (/[\t\n\r]/.test(text)) {
    return invalid('has a tab or a line break in it; put one URL on each line')
  }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return invalid('not a URL (it needs to start with http:// or https://)')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const scheme = url.protocol.replace(/:$/, '')
    return {
      code: 'unsupported_protocol',
      message: `${scheme}: URLs are not downloaded; use http or https`
    }
  }
  if (url.username || url.password) return invalid('URLs with a user name or password are refused')
  if (!url.hostname) return invalid('no host name')
  return undefined
}

/** Why a URL cannot be downloaded, or undefined when it can. */
export function urlProblem(text: string): string | undefined {
  return urlError(text)?.message
}

/**
 * Reads a URL list as a user pastes or imports it: one URL a line, blank lines
 * and `#` comments ignored, surrounding spaces trimmed, repeats kept once.
 */
export function parseUrlList(text: string): ParsedUrlList {
  const lines: UrlLine[] = []
  const urls: string[] = []
  const seen = new Set<string>()
  let duplicates = 0
  // Old Mac files end lines with a lone CR, and Unicode has its own line separators.
  text.split(/\r\n|[\r\n\u2028\u2029]/).forEach((raw, index) => {
    const trimmed = raw.trim()
    if (trimmed === '' || trimmed.startsWith('#')) return
    const line: UrlLine = { line: index + 1, text: trimmed }
    const problem = urlProblem(trimmed)
    const key = problem ? '' : sameResourceKey(trimmed)
    if (problem) line.error = problem
    else if (seen.has(key)) {
      duplicates++
      return
    } else if (urls.length >= MAX_URLS) line.error = `over ${MAX_URLS} URLs in one run`
    else {
      seen.add(key)
      urls.push(trimmed)
    }
    lines.push(line)
  })
  return { urls, lines, invalid: lines.filter((l) => l.error), duplicates }
}

/** `HTTP://Host/a.jpg#x` and `http://host/a.jpg` fetch the same thing: one download. */
function sameResourceKey(text: string): string {
  const url = new URL(text)
  url.hash = ''
  return url.href
}

const IMGIX_SIZES: Record<Exclude<ImageSize, 'original'>, { w: string; q: string }> = {
  '2400': { w: '2400', q: '80' },
  '1080': { w: '1080', q: '80' }
}

/** Applies a size choice to images.unsplash.com URLs through imgix's own `w` and `q`; other URLs pass as they are. */
export function applyImageSize(url: string, size: ImageSize): string {
  if (size === 'original') return url
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return url
  }
  if (parsed.hostname !== 'images.unsplash.com') return url
  const { w, q } = IMGIX_SIZES[size]
  parsed.searchParams.set('w', w)
  parsed.searchParams.set('q', q)
  return parsed.toString()
}
