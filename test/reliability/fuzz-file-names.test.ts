/**
 * Fuzz (fast-check, seeded): whatever the URL or name, the file name chosen is a
 * single safe path segment that every file system accepts and that stays in its folder.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  assignFileNames,
  fileNameForUrl,
  foldName,
  sanitizeFileName
} from '../../src/engine/file-names.ts'
import { tally, unsafeFileName as unsafe } from './helpers.ts'

const counts = tally('fuzz-file-names')
const HOSTILE = [
  '..',
  '.',
  '/',
  '\\',
  '\0',
  '%2e',
  '%2e%2e',
  '%2f',
  '%5c',
  '%00',
  '%25',
  '%252e',
  '%E2%80%AE',
  '%C0%AE',
  '%F0%9F',
  'CON',
  'con',
  'aux',
  'NUL',
  'COM1',
  'lpt¹',
  'CONIN$',
  'conout$',
  ' ',
  '\t',
  '\n',
  '.jpg',
  '.png',
  '.part',
  'é',
  'e\u0301',
  '😀',
  '\ud800',
  '\udc00',
  '\u202e',
  '\u200b',
  '\ufeff',
  ':',
  '*',
  '?',
  '"',
  '<',
  '>',
  '|',
  'C:',
  '~',
  'x'.repeat(120),
  'é'.repeat(90),
  '.'.repeat(40)
]

/** Strings built from hostile pieces and random text of every kind. */
const hostileText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
      { weight: 1, arbitrary: fc.string({ maxLength: 300 }) }
    ),
    { maxLength: 12 }
  )
  .map((parts) => parts.join(''))

const anyUrl = fc.oneof(
  hostileText.map((path) => `http://127.0.0.1:8080/${path}`),
  hostileText.map((path) => `https://h.example/a/${encodeURIComponent(path.toWellFormed())}?q=1`),
  hostileText.map((path) => `http://h/${path.replace(/%/g, '%25')}`),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  hostileText
)

const params = (numRuns: number) => ({ seed: 42, numRuns })

describe('file names, fuzzed', () => {
  it('sanitizeFileName: any string becomes one safe segment', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        counts.fuzzCases++
        const name = sanitizeFileName(text)
        expect(unsafe(name), JSON.stringify(text)).toBeUndefined()
        // Safe names are kept as they are (what a user sees is what the URL said).
        expect(sanitizeFileName(name)).toBe(name)
      }),
      params(2000)
    )
  })

  it('fileNameForUrl: any URL, or any text, gets a safe name with an image extension', () => {
    fc.assert(
      fc.property(anyUrl, (url) => {
        counts.fuzzCases++
        const name = fileNameForUrl(url)
        expect(unsafe(name), JSON.stringify(url)).toBeUndefined()
        expect(name).toMatch(/\.(jpe?g|png|gif|webp|avif|bmp|tiff?|heic|svg)$/i)
      }),
      params(2000)
    )
  })

  it('assignFileNames: every URL of a list gets its own safe name, room left for .part', () => {
    const lists = fc.array(
      fc.oneof(
        anyUrl,
        fc.constantFrom(
          'http://h/a.jpg',
          'http://h/A.JPG',
          'http://h/a (2).jpg',
          'http://h/%C5%BF.jpg',
          'http://h/S.jpg',
          'http://h/%E2%84%AA.png',
          'http://h/k.png'
        )
      ),
      { maxLength: 40 }
    )
    fc.assert(
      fc.property(lists, (urls) => {
        counts.fuzzCases++
        const names = assignFileNames(urls)
        expect(names).toHaveLength(urls.length)
        for (const name of names) expect(unsafe(name), name).toBeUndefined()
        // Distinct as a case-insensitive file system compares: ſ.jpg and S.jpg would be one file.
        expect(new Set(names.map(foldName)).size).toBe(names.length)
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length)
      }),
      params(500)
    )
  })

  it('assignFileNames: thousands of one long name still fit in 255 bytes with .part', () => {
    const long = `http://h/${'é'.repeat(200)}.jpg`
    const names = assignFileNames(Array.from({ length: 10_000 }, () => long))
    counts.badInputs++
    expect(new Set(names).size).toBe(10_000)
    for (const name of [names[0], names[9], names[99], names[9_999]]) {
      expect(unsafe(name ?? ''), name).toBeUndefined()
    }
  })
})
