import { describe, expect, it } from 'vitest'
import { assignFileNames, fileNameForUrl, sanitizeFileName } from '../../src/engine/file-names.ts'

describe('file names', () => {
  it('names an Unsplash photo as the tutorial does', () => {
    expect(fileNameForUrl('https://images.unsplash.com/photo-1516117172878-fd2c41f4a759')).toBe(
      'photo-1516117172878-fd2c41f4a759.jpg'
    )
    expect(
      fileNameForUrl('https://images.unsplash.com/photo-1516117172878-fd2c41f4a759?w=1080&q=80')
    ).toBe('photo-1516117172878-fd2c41f4a759.jpg')
    expect(fileNameForUrl('http://127.0.0.1:8080/a/b/cat.png')).toBe('cat.png')
  })

  it.each([
    ['http://h/..', /^[^/\\]+$/],
    ['http://h/%2e%2e', /^image\.jpg$/],
    ['http://h/.hidden', /^_hidden\.jpg$/],
    ['http://h/%2e%2e%2f%2e%2e%2fetc%2fpasswd', /^[^/\\]+$/],
    ['http://h/a%5c..%5cb', /^[^/\\]+$/],
    ['http://h/evil%00name', /^[^\0]+$/],
    ['http://h/CON', /^_CON\.jpg$/],
    ['http://h/lpt1.jpg', /^_lpt1\.jpg$/],
    ['http://h/', /^image\.jpg$/],
    ['http://h/name.', /^name\.jpg$/]
  ])('keeps %s inside the folder (%s)', (url, pattern) => {
    const name = fileNameForUrl(url)
    expect(name).toMatch(pattern)
    expect(name).not.toMatch(/[/\\\0]/)
    expect(name.startsWith('.')).toBe(false)
    expect(name).not.toBe('..')
  })

  it('fits a name of any length in 255 bytes, with room for a suffix and .part', () => {
    const long = 'é'.repeat(400)
    const name = sanitizeFileName(`${long}.jpg`)
    expect(name.endsWith('.jpg')).toBe(true)
    expect(Buffer.byteLength(`${name.replace('.jpg', ' (9999).jpg')}.part`)).toBeLessThanOrEqual(
      255
    )
  })

  it('gives two URLs with the same name two files, ignoring case', () => {
    expect(
      assignFileNames([
        'http://a/x/cat.jpg',
        'http://b/y/cat.jpg',
        'http://c/CAT.jpg',
        'http://d/dog'
      ])
    ).toEqual(['cat.jpg', 'cat (2).jpg', 'CAT (3).jpg', 'dog.jpg'])
  })
})
