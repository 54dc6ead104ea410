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
