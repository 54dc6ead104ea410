import { MAX_URL_LENGTH, MAX_URLS } from '../../../common/defaults.ts'

/**
 * The list as the settings keep it: the user's non-blank lines, invalid ones
 * and comments included, so that they come back as typed.
 */
export function urlsForSettings(text: string): string[] {
  const lines: string[] = []
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.length > MAX_URL_LENGTH) continue
    lines.push(line)
    if (lines.length === MAX_URLS) break
  }
  return lines
}

export function countUnsplash(urls: readonly string[]): number {
  let count = 0
  for (const url of urls) {
    try {
      if (new URL(url).hostname === 'images.unsplash.com') count++
    } catch {
      // parseUrlList already left invalid lines out
    }
  }
  return count
}

/** The lines of a text as parseUrlList numbers them (from 1), with every kind of line break. */
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g

/** Where line `line` (from 1) starts and ends in `text`, its break left out. */
export function lineRange(text: string, line: number): [number, number] {
  let start = 0
  let count = 1
  for (const match of text.matchAll(LINE_BREAK)) {
    if (count === line) return [start, match.index]
    start = match.index + match[0].length
    count++
  }
  return count === line ? [start, text.length] : [text.length, text.length]
}

/** The text without the given lines (from 1); the others keep their order and breaks. */
export function withoutLines(text: string, drop: ReadonlySet<number>): string {
  const kept: string[] = []
  text.split(/\r\n|[\r\n\u2028\u2029]/).forEach((line, index) => {
    if (!drop.has(index + 1)) kept.push(line)
  })
  return kept.join('\n')
}
