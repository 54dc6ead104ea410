/**
 * Bad URL lists: clear per-line errors before the run, no crash on any text or
 * size, and the valid lines still downloaded.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_URL_LENGTH, MAX_URLS } from '../../src/common/defaults.ts'
import { parseUrlList, urlProblem } from '../../src/common/url-list.ts'
import { runDownloads } from '../../src/engine/run.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { leftovers, lostFiles, removeDir, tally, tempRoot } from './helpers.ts'
import { filesIn } from '../helpers/temp-dir.ts'

const counts = tally('url-list')

let cdn: SimulatedCdn
let root: string

beforeAll(async () => {
  cdn = await startSimulatedCdn({ count: 4, sizeKB: 16, latencyMs: 0, bandwidthKBps: 0 })
  root = await tempRoot()
})
afterAll(async () => {
  await cdn.close()
  await removeDir(root)
})

const NOT_A_URL = /^not a URL \(it needs to start with http:\/\/ or https:\/\/\)$/
const BAD_LINES: [string, RegExp][] = [
  ['file:///etc/passwd', /^file: URLs are not downloaded; use http or https$/],
  ['FILE:///C:/Windows/win.ini', /^file: URLs are not downloaded/],
  ['ftp://ftp.example.com/x.jpg', /^ftp: URLs are not downloaded/],
  ['data:image/png;base64,iVBORw0KGgo=', /^data: URLs are not downloaded/],
  ['javascript:alert(document.cookie)', /^javascript: URLs are not downloaded/],
  ['JaVaScRiPt:alert(1)', /^javascript: URLs are not downloaded/],
  ['blob:http://h.example/0b5c', /^blob: URLs are not downloaded/],
  ['about:blank', /^about: URLs are not downloaded/],
  ['ws://h.example/socket', /^ws: URLs are not downloaded/],
  ['mailto:someone@example.com', /^mailto: URLs are not downloaded/],
  ['chrome://settings', /^chrome: URLs are not downloaded/],
  ['/relative/photo.jpg', NOT_A_URL],
  ['photo.jpg', NOT_A_URL],
  ['../../photo.jpg', NOT_A_URL],
  ['//h.example/protocol-relative.jpg', NOT_A_URL],
  ['http://', NOT_A_URL],
  ['https://[::1', NOT_A_URL],
  ['http://exa mple.com/x.jpg', NOT_A_URL],
  ['http://h.example:99999/x.jpg', NOT_A_URL],
  ['\u200bhttp://h.example/zero-width.jpg', NOT_A_URL],
  ['http://user:password@h.example/x.jpg', /^URLs with a user name or password are refused$/],
  ['https://token@h.example/x.jpg', /^URLs with a user name or password are refused$/],
  ['http://:secret@h.example/x.jpg', /^URLs with a user name or password are refused$/],
  ['http://h.example/a.jpg\thttp://h.example/b.jpg', /tab or a line break.*one URL on each line/],
  [`https://h.example/${'a'.repeat(MAX_URL_LENGTH)}`, /^longer than 8192 characters$/],
  ['x'.repeat(1_000_000), /^longer than 8192 characters$/]
]

describe('URL lists with bad lines', () => {
  it('names each bad line with its number and reason, and keeps the good ones once', () => {
    const good = ['https://h.example/a.jpg', 'http://127.0.0.1:8080/b.png']
    const text = [
      '',
      '   ',
      '\t',
      '# a comment',
      `   ${good[0]}   `,
      ...BAD_LINES.map(([line]) => line),
      good[0],
      '  # an indented comment',
      good[1],
      // The same image again, written another way: one download.
      'HTTPS://H.EXAMPLE/a.jpg',
      'https://h.example/a.jpg#fragment',
      `\u00a0${good[1]}\ufeff`,
      ''
    ].join('\n')
    counts.badInputs += BAD_LINES.length + 9
    const parsed = parseUrlList(text)
    expect(parsed.urls).toEqual(good)
    expect(parsed.duplicates).toBe(4)
    expect(parsed.invalid).toHaveLength(BAD_LINES.length)
    BAD_LINES.forEach(([line, reason], index) => {
      const found = parsed.invalid[index]
      expect(found?.line, line.slice(0, 60)).toBe(6 + index)
      expect(found?.text, line.slice(0, 60)).toBe(line.trim())
      expect(found?.error, line.slice(0, 60)).toMatch(reason)
    })
  })

  it('reads lines ended by LF, CRLF, a lone CR (old Mac files) or a Unicode separator alike', () => {
    const urls = ['http://h.example/1.jpg', 'http://h.example/2.jpg', 'http://h.example/3.jpg']
    for (const separator of ['\n', '\r\n', '\r', '\u2028', '\u2029']) {
      counts.badInputs++
      const parsed = parseUrlList(urls.join(separator))
      expect(parsed.urls, JSON.stringify(separator)).toEqual(urls)
      expect(parsed.lines.map((l) => l.line)).toEqual([1, 2, 3])
    }
    expect(parseUrlList('http://h.example/1.jpg\r\rhttp://h.example/2.jpg').lines[1]?.line).toBe(3)
  })

  it('takes 10,000 lines, and names the 10,001st', () => {
    const lines = Array.from({ length: MAX_URLS + 1 }, (_, i) => `https://h.example/p/${i}.jpg`)
    counts.badInputs += 2
    const full = parseUrlList(lines.slice(0, MAX_URLS).join('\n'))
    expect(full.urls).toHaveLength(MAX_URLS)
    expect(full.invalid).toEqual([])
    const over = parseUrlList(lines.join('\n'))
    expect(over.urls).toHaveLength(MAX_URLS)
    expect(over.invalid).toEqual([
      { line: MAX_URLS + 1, text: lines[MAX_URLS], error: 'over 10000 URLs in one run' }
    ])
  })

  it('handles 10,000 lines of which half are bad, repeats and blanks without trouble', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => {
      if (i % 4 === 0) return `ftp://h.example/${i}.jpg`
      if (i % 4 === 1) return `not a url ${i}`
      if (i % 4 === 2) return 'https://h.example/same.jpg'
      return ''
    })
    counts.badInputs += 10_000
    const parsed = parseUrlList(lines.join('\n'))
    expect(parsed.urls).toEqual(['https://h.example/same.jpg'])
    expect(parsed.invalid).toHaveLength(5000)
    expect(parsed.duplicates).toBe(2499)
    expect(parseUrlList('\n'.repeat(100_000)).lines).toEqual([])
  })

  it('never throws on any text, and keeps only lines that can be downloaded, once each', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        'http://h.example/a.jpg',
        'HTTP://h.example/a.jpg',
        'https://h.example/b.png#x',
        'file:///etc/passwd',
        'javascript:',
        'http://u:p@h/',
        '#',
        ' ',
        '\t',
        '\r',
        '\n',
        '\r\n',
        '\u2028',
        '\0',
        '%',
        '[',
        '\ud800'
      ),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.webUrl({ size: 'small' })
    )
    const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(text, (input) => {
        counts.fuzzCases++
        const parsed = parseUrlList(input)
        for (const url of parsed.urls) expect(urlProblem(url)).toBeUndefined()
        for (const line of parsed.invalid) expect(line.error).toBeTruthy()
        const keys = parsed.urls.map((url) => new URL(url).href.replace(/#.*$/, ''))
        expect(new Set(keys).size).toBe(keys.length)
      }),
      { seed: 42, numRuns: 1000 }
    )
  })
})

describe('a list of known good and bad lines', () => {
  // The oracle is written here, not taken from the parser: a line is kept when it is an
  // http(s) URL without a user name, and only its first spelling (WHATWG URL, less the #).
  const good = fc.oneof(
    fc
      .webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true })
      .filter((url) => {
        const parsed = new URL(url)
        return parsed.username === '' && parsed.password === '' && parsed.hostname !== ''
      }),
    // A few spellings of two images, so that repeats are common.
    fc.constantFrom(
      'http://h.example/a.jpg',
      'HTTP://H.EXAMPLE/a.jpg',
      'http://h.example/a.jpg#top',
      'https://h.example/b.png'
    )
  )
  const bad = fc.constantFrom(
    'file:///etc/passwd',
    'javascript:alert(1)',
    'ftp://h.example/x.jpg',
    'data:image/png;base64,AAAA',
    'http://u:p@h.example/x.jpg',
    'relative/x.jpg',
    'not a url',
    'http://',
    '# a comment',
    ''
  )
  const line = fc.oneof(
    good.map((url) => ({ url, keep: true })),
    bad.map((url) => ({ url, keep: false }))
  )
  const pad = fc.constantFrom('', ' ', '  ', '\t', '\u00a0')
  const separator = fc.constantFrom('\n', '\r\n', '\r', '\u2028')

  it('keeps every good line once, in order, and no bad one', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(pad, line, pad, separator), { maxLength: 25 }), (rows) => {
        counts.fuzzCases++
        const text = rows.map(([before, l, after, sep]) => before + l.url + after + sep).join('')
        const expected: string[] = []
        const seen = new Set<string>()
        for (const [, l] of rows) {
          if (!l.keep) continue
          const key = new URL(l.url)
          key.hash = ''
          if (seen.has(key.href)) continue
          seen.add(key.href)
          expected.push(l.url)
        }
        const parsed = parseUrlList(text)
        expect(parsed.urls).toEqual(expected)
        const badLines = rows.filter(([, l]) => !l.keep && l.url !== '' && !l.url.startsWith('#'))
        expect(parsed.invalid).toHaveLength(badLines.length)
      }),
      { seed: 43, numRuns: 500 }
    )
  })
})

describe('the valid lines of a mixed list still run', () => {
  it('downloads the good lines of a pasted list; the bad ones never reach the network', async () => {
    const text = [
      cdn.urls[0],
      'file:///etc/passwd',
      '',
      `  ${cdn.urls[1]}  `,
      'javascript:alert(1)',
      'http://user:pw@127.0.0.1/x.jpg',
      cdn.urls[0],
      'relative/x.jpg',
      `${cdn.urls[2]}\t${cdn.urls[3]}`,
      cdn.urls[3]
    ].join('\r\n')
    counts.badInputs += 6
    const parsed = parseUrlList(text)
    expect(parsed.invalid.map((l) => l.line)).toEqual([2, 5, 6, 8, 9])
    expect(parsed.urls).toEqual([cdn.urls[0], cdn.urls[1], cdn.urls[3]])

    const dir = `${root}/mixed`
    cdn.resetStats()
    const summary = await runDownloads({ strategy: 'pool', concurrency: 4, dir, urls: parsed.urls })
    counts.runs++
    expect(summary.ok).toBe(3)
    const photo = (taskId: number): Buffer =>
      cdn.photoBytes(cdn.urls.indexOf(parsed.urls[taskId] ?? ''))
    expect(await lostFiles(summary.tasks, (t) => photo(t.taskId), counts)).toEqual([])

    // Handed to the engine as they are, the bad lines fail on their own, before any request.
    const raw = text.split('\r\n').filter((line) => line.trim() !== '')
    const engineDir = `${root}/mixed-raw`
    cdn.resetStats()
    const direct = await runDownloads({
      strategy: 'sequential',
      concurrency: 1,
      dir: engineDir,
      urls: raw
    })
    counts.runs++
    // The engine trims spaces as the URL parser does, and does not drop repeats: the list does.
    expect(direct.tasks.map((t) => t.error?.code ?? t.status)).toEqual([
      'done',
      'unsupported_protocol',
      'done',
      'unsupported_protocol',
      'invalid_url',
      'done',
      'invalid_url',
      'invalid_url',
      'done'
    ])
    expect(cdn.stats.requests).toBe(4)
    expect(await filesIn(engineDir)).toHaveLength(4)
    expect(await leftovers(engineDir)).toEqual([])
  })
})
