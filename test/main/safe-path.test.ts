import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  isWithin,
  resolveExistingFileWithin,
  resolveFileInside
} from '../../src/main/service/safe-path.ts'
import {
  lookUpThumbnail,
  thumbnailPathname,
  thumbnailSchemeUrl
} from '../../src/main/service/thumbnails/thumbnail-request.ts'
import { tempDir } from './helpers.ts'

async function layout(): Promise<{ root: string; thumbs: string; outside: string }> {
  const root = await tempDir()
  const thumbs = join(root, 'thumbnails')
  await mkdir(join(thumbs, 'run-1'), { recursive: true })
  await writeFile(join(thumbs, 'run-1', '0.jpg'), 'jpeg bytes')
  await writeFile(join(thumbs, 'run-1', 'notes.txt'), 'text')
  await writeFile(join(root, 'secret.jpg'), 'not for the window')
  await mkdir(join(root, 'thumbnails-evil'))
  await writeFile(join(root, 'thumbnails-evil', 'x.jpg'), 'sibling with a common prefix')
  return { root, thumbs, outside: join(root, 'secret.jpg') }
}

describe('isWithin', () => {
  it('tells inside from outside by the path', () => {
    expect(isWithin('/a/b', '/a/b/c.jpg')).toBe(true)
    expect(isWithin('/a/b', '/a/b/c/../d.jpg')).toBe(true)
    expect(isWithin('/a/b', '/a/b')).toBe(false)
    expect(isWithin('/a/b', '/a/b', { allowRoot: true })).toBe(true)
    expect(isWithin('/a/b', '/a/bc/d.jpg')).toBe(false)
    expect(isWithin('/a/b', '/a/b/../c.jpg')).toBe(false)
    expect(isWithin('/a/b', '/etc/passwd')).toBe(false)
    expect(isWithin('/a/b', '/a/b/..')).toBe(false)
    expect(isWithin('/a/b', '/a/b/..foo/x')).toBe(true)
  })
})

describe('resolveFileInside', () => {
  it('finds a file inside and refuses every way out', async () => {
    const { thumbs } = await layout()
    expect(await resolveFileInside(thumbs, 'run-1/0.jpg')).toMatch(/run-1[\\/]0\.jpg$/)
    for (const bad of [
      '../secret.jpg',
      'run-1/../../secret.jpg',
      '../thumbnails-evil/x.jpg',
      '/etc/passwd',
      'run-1/0.jpg\0.png',
      'run-1',
      '',
      'missing.jpg'
    ]) {
      expect(await resolveFileInside(thumbs, bad), bad).toBeNull()
    }
  })

  it('refuses a symbolic link that leads out', async () => {
    const { thumbs, outside } = await layout()
    await symlink(outside, join(thumbs, 'run-1', 'link.jpg'))
    expect(await resolveFileInside(thumbs, 'run-1/link.jpg')).toBeNull()
  })
})

describe('resolveExistingFileWithin', () => {
  it('accepts an existing file below one of the roots only', async () => {
    const { root, thumbs } = await layout()
    const inside = join(thumbs, 'run-1', '0.jpg')
    expect(await resolveExistingFileWithin([join(root, 'nope'), thumbs], inside)).toMatch(/0\.jpg$/)
    expect(await resolveExistingFileWithin([thumbs], join(root, 'secret.jpg'))).toBeNull()
    expect(await resolveExistingFileWithin([thumbs], 'run-1/0.jpg')).toBeNull()
    expect(await resolveExistingFileWithin([thumbs], join(thumbs, 'run-1', 'gone.jpg'))).toBeNull()
    expect(await resolveExistingFileWithin([thumbs], thumbs)).toBeNull()
  })
})

describe('thumbnail requests', () => {
  it('serves a JPEG of the thumbnail folder', async () => {
    const { thumbs } = await layout()
    const url = thumbnailSchemeUrl('run-1/0.jpg')
    expect(url).toBe('thumb://t/run-1/0.jpg')
    const pathname = thumbnailPathname(url)
    expect(pathname).toBe('/run-1/0.jpg')
    expect(await lookUpThumbnail(thumbs, pathname!)).toMatchObject({
      status: 200,
      contentType: 'image/jpeg'
    })
    expect((await lookUpThumbnail(thumbs, pathname!, 'HEAD')).status).toBe(200)
  })

  it('refuses everything else', async () => {
    const { thumbs } = await layout()
    const cases: [string, number][] = [
      ['/../secret.jpg', 403],
      ['/%2e%2e/secret.jpg', 403],
      ['/run-1/%2e%2e%2f%2e%2e%2fsecret.jpg', 403],
      ['/run-1/..%5c..%5csecret.jpg', 403],
      ['/run-1/0.jpg%00', 403],
      ['/run-1/notes.txt', 404],
      ['/run-1/missing.jpg', 404],
      ['/%E0%A4%A.jpg', 400],
      ['/' + encodeURIComponent('/etc/passwd.jpg'), 404]
    ]
    for (const [pathname, status] of cases) {
      expect((await lookUpThumbnail(thumbs, pathname)).status, pathname).toBe(status)
    }
    expect((await lookUpThumbnail(thumbs, '/run-1/0.jpg', 'POST')).status).toBe(405)
  })

  it('reads only thumb://t/ URLs', () => {
    expect(thumbnailPathname('thumb://other/run-1/0.jpg')).toBeNull()
    expect(thumbnailPathname('file:///etc/passwd')).toBeNull()
    expect(thumbnailPathname('not a url')).toBeNull()
    // A standard URL parser collapses dot segments before the handler sees them.
    expect(thumbnailPathname('thumb://t/run-1/../../secret.jpg')).toBe('/secret.jpg')
  })
})
