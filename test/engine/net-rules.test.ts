/**
 * The network rules as functions: a redirect's next URL, the resume headers and
 * how an answer to them is read, and the simulated CDN's Range answers.
 */
import { describe, expect, it } from 'vitest'
import { nextRedirectUrl } from '../../src/engine/net/redirects.ts'
import { readResumeAnswer, resumeHeaders, resumeValidator } from '../../src/engine/net/resume.ts'
import type { ResumePoint } from '../../src/engine/net/resume.ts'
import { answerRange, sliceChunks } from '../../src/engine/simulated-cdn/ranges.ts'
import { TaskFailure } from '../../src/engine/task-error.ts'

function refusal(location: string, current: string, first = current): string {
  try {
    nextRedirectUrl(location, current, first)
    return 'allowed'
  } catch (error) {
    return error instanceof TaskFailure ? error.code : 'threw something else'
  }
}

describe('redirect rules at every hop', () => {
  it('resolves a relative Location against the current URL', () => {
    expect(nextRedirectUrl('/b.jpg', 'https://a.test/x/a.jpg', 'https://a.test/')).toBe(
      'https://a.test/b.jpg'
    )
  })

  it('refuses schemes other than http(s), credentials, and a step down to http', () => {
    expect(refusal('file:///etc/passwd', 'http://a.test/')).toBe('unsupported_protocol')
    expect(refusal('javascript:alert(1)', 'http://a.test/')).toBe('unsupported_protocol')
    expect(refusal('http://user:pw@b.test/x.jpg', 'http://a.test/')).toBe('redirect_refused')
    expect(refusal('https://user@b.test/x.jpg', 'https://a.test/')).toBe('redirect_refused')
    expect(refusal('http://b.test/x.jpg', 'https://a.test/')).toBe('redirect_refused')
    // The downgrade is refused at any hop of an https start, even after an http hop was allowed.
    expect(refusal('http://c.test/x.jpg', 'https://b.test/', 'https://a.test/')).toBe(
      'redirect_refused'
    )
    expect(refusal(`https://b.test/${'a'.repeat(9000)}`, 'https://a.test/')).toBe(
      'redirect_refused'
    )
  })

  it('allows http when the user gave an http URL, and upgrades always', () => {
    expect(refusal('http://b.test/x.jpg', 'http://a.test/')).toBe('allowed')
    expect(refusal('https://b.test/x.jpg', 'http://a.test/')).toBe('allowed')
    expect(refusal('http://c.test/x.jpg', 'https://b.test/', 'http://a.test/')).toBe('allowed')
  })
})

describe('resume', () => {
  const point: ResumePoint = { offset: 1000, validator: '"v1"', total: 5000 }

  it('asks for the rest with Range and If-Range', () => {
    expect(resumeHeaders(point)).toEqual({ range: 'bytes=1000-', 'if-range': '"v1"' })
    expect(resumeHeaders(undefined)).toEqual({})
  })

  it('takes a strong ETag, else a Last-Modified date, and nothing from an encoded body', () => {
    expect(
      resumeValidator({ etag: '"abc"', 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT' })
    ).toBe('"abc"')
    expect(
      resumeValidator({ etag: 'W/"abc"', 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT' })
    ).toBe('Mon, 01 Jan 2024 00:00:00 GMT')
    expect(resumeValidator({ etag: 'W/"abc"' })).toBeUndefined()
    expect(resumeValidator({})).toBeUndefined()
    expect(resumeValidator({ etag: '"abc"', 'content-encoding': 'gzip' })).toBeUndefined()
  })

  it('appends only a 206 of exactly the rest of the same image', () => {
    const ok = { 'content-range': 'bytes 1000-4999/5000', etag: '"v1"' }
    expect(readResumeAnswer(point, 206, ok)).toEqual({ kind: 'append', total: 5000 })
    expect(readResumeAnswer(point, 200, {})).toEqual({ kind: 'restart' })
    const refetch = (status: number, headers: Record<string, string>) =>
      readResumeAnswer(point, status, headers).kind
    expect(refetch(206, { 'content-range': 'bytes 0-3999/5000' })).toBe('refetch')
    expect(refetch(206, { 'content-range': 'bytes 1000-1999/5000' })).toBe('refetch')
    expect(refetch(206, { 'content-range': 'bytes 1000-5999/6000' })).toBe('refetch')
    expect(refetch(206, { 'content-range': 'bytes 1000-4999/*' })).toBe('refetch')
    expect(refetch(206, {})).toBe('refetch')
    expect(refetch(206, { ...ok, etag: '"v2"' })).toBe('refetch')
    expect(refetch(416, { 'content-range': 'bytes */5000' })).toBe('refetch')
  })
})

describe('simulated CDN ranges', () => {
  const v = { etag: '"t-100"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' }

  it('answers one range, a suffix, past the end, and If-Range', () => {
    expect(answerRange({ range: 'bytes=10-' }, 100, v)).toEqual({
      kind: 'part',
      start: 10,
      end: 99
    })
    expect(answerRange({ range: 'bytes=10-19' }, 100, v)).toEqual({
      kind: 'part',
      start: 10,
      end: 19
    })
    expect(answerRange({ range: 'bytes=-5' }, 100, v)).toEqual({ kind: 'part', start: 95, end: 99 })
    expect(answerRange({ range: 'bytes=100-' }, 100, v)).toEqual({ kind: 'unsatisfiable' })
    expect(answerRange({ range: 'bytes=0-1,5-6' }, 100, v)).toEqual({ kind: 'whole' })
    expect(answerRange({ range: 'bytes=10-', 'if-range': '"t-100"' }, 100, v).kind).toBe('part')
    expect(answerRange({ range: 'bytes=10-', 'if-range': v.lastModified }, 100, v).kind).toBe(
      'part'
    )
    expect(answerRange({ range: 'bytes=10-', 'if-range': '"other"' }, 100, v)).toEqual({
      kind: 'whole'
    })
  })

  it('slices chunks without losing or repeating a byte', () => {
    const whole = Buffer.from(Array.from({ length: 100 }, (_, i) => i))
    const chunks = [whole.subarray(0, 7), whole.subarray(7, 50), whole.subarray(50)]
    for (const [start, end] of [
      [0, 100],
      [3, 9],
      [7, 50],
      [49, 51],
      [99, 100]
    ] as const) {
      expect(Buffer.concat([...sliceChunks(chunks, start, end)])).toEqual(
        whole.subarray(start, end)
      )
    }
  })
})
