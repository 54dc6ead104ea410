/**
 * Fuzz (fast-check, seeded) of the thumbnail protocol's lookup: whatever the
 * pathname (dot segments, encoded, double-encoded, back-slashes, NUL, symbolic
 * links that lead out), it never serves a file outside the thumbnail folder.
 */
import { mkdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises'
import { join, sep } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  lookUpThumbnail,
  thumbnailPathname
} from '../../src/main/service/thumbnails/thumbnail-request.ts'
import { removeDir, tally, tempRoot } from './helpers.ts'

const counts = tally('fuzz-thumbnail-lookup')

let root: string
let thumbs: string
let realThumbs: string

beforeAll(async () => {
  root = await tempRoot()
  thumbs = join(root, 'thumbnails')
  await mkdir(join(thumbs, 'run-1'), { recursive: true })
  await mkdir(join(thumbs, '%2e%2e'), { recursive: true })
  await mkdir(join(root, 'secret'))
  await mkdir(join(root, 'thumbnails-evil'))
  await writeFile(join(thumbs, 'run-1', '0.jpg'), 'THUMB 0')
  await writeFile(join(thumbs, 'run-1', '1.jpg'), 'THUMB 1')
  await writeFile(join(thumbs, 'run-1', 'notes.txt'), 'THUMB notes')
  await writeFile(join(thumbs, '%2e%2e', 'x.jpg'), 'THUMB literal %2e%2e folder')
  await writeFile(join(thumbs, 'a\\b.jpg'), 'THUMB back-slash in its name')
  await writeFile(join(root, 'secret', 'secret.jpg'), 'SECRET')
  await writeFile(join(root, 'secret.jpg'), 'SECRET beside')
  await writeFile(join(root, 'thumbnails-evil', 'x.jpg'), 'SECRET sibling with a common prefix')
  // Links that lead out, and links that stay in.
  await symlink(join(root, 'secret', 'secret.jpg'), join(thumbs, 'run-1', 'link-out.jpg'))
  await symlink('../../secret.jpg', join(thumbs, 'run-1', 'relative-out.jpg'))
  await symlink(join(root, 'secret'), join(thumbs, 'out-dir'))
  await symlink('/etc/passwd', join(thumbs, 'run-1', 'passwd.jpg'))
  await symlink('0.jpg', join(thumbs, 'run-1', 'link-in.jpg'))
  await symlink(join(thumbs, 'run-1'), join(thumbs, 'run-2'))
  await symlink('missing.jpg', join(thumbs, 'run-1', 'dangling.jpg'))
  realThumbs = await realpath(thumbs)
})
afterAll(() => removeDir(root))

const SEGMENTS = [
  '..',
  '.',
  '...',
  '%2e%2e',
  '%2E%2E',
  '.%2e',
  '%2e.',
  '%252e%252e',
  '%25252e',
  '..%2f',
  '..%5c',
  '%2f',
  '%5c',
  '\\',
  '..\\..',
  '%00',
  '\0',
  '%',
  '%zz',
  '%c0%ae%c0%ae',
  '\u2025',
  '．．',
  '~',
  'C:',
  '',
  'run-1',
  'run-2',
  'out-dir',
  '0.jpg',
  '1.jpg',
  'notes.txt',
  'link-out.jpg',
  'relative-out.jpg',
  'passwd.jpg',
  'link-in.jpg',
  'dangling.jpg',
  'secret.jpg',
  'secret',
  'thumbnails',
  'thumbnails-evil',
  'x.jpg',
  'a\\b.jpg',
  'a%5cb.jpg',
  'etc',
  'passwd',
  'tmp',
  '0.jpg%00.png'
]

const INSIDE = ['run-1', 'run-2', '%252e%252e', '.', 'out-dir', '..', '%2e%2e', 'run-1/..']
const FILES = ['0.jpg', '1.jpg', 'link-in.jpg', 'link-out.jpg', 'x.jpg', 'secret.jpg', 'a%5cb.jpg']

const pathname = fc.oneof(
  {
    // Near misses of real thumbnails: most of these should be served, some must not be.
    weight: 2,
    arbitrary: fc
      .tuple(fc.array(fc.constantFrom(...INSIDE), { maxLength: 3 }), fc.constantFrom(...FILES))
      .map(([folders, file]) => `/${[...folders, file].join('/')}`)
  },
  {
    weight: 4,
    arbitrary: fc
      .array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 7 })
      .chain((parts) => fc.constantFrom('/', '//', '/\\', '').map((lead) => lead + parts.join('/')))
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.constantFrom(...SEGMENTS), { maxLength: 6 })
      .map((parts) => `/${parts.map(encodeURIComponent).join('/')}`)
  }
)

/** A 200 must name a real file inside the folder whose bytes are a thumbnail's. */
async function checkServed(path: string, method?: string): Promise<number> {
  const found = await lookUpThumbnail(thumbs, path, method)
  expect([200, 400, 403, 404, 405]).toContain(found.status)
  if (found.status !== 200) return found.status
  const real = await realpath(found.file)
  expect(real.startsWith(realThumbs + sep), `${JSON.stringify(path)} -> ${real}`).toBe(true)
  const content = await readFile(found.file, 'utf8')
  expect(content.startsWith('THUMB'), `${JSON.stringify(path)} -> ${content}`).toBe(true)
  expect(found.file.toLowerCase().endsWith('.jpg')).toBe(true)
  return 200
}

describe('thumbnail lookup, fuzzed', () => {
  it('serves what is inside, for sure (the fuzz would pass vacuously otherwise)', async () => {
    for (const path of [
      '/run-1/0.jpg',
      '/run-2/1.jpg',
      '/run-1/link-in.jpg',
      '/%252e%252e/x.jpg'
    ]) {
      expect(await checkServed(path), path).toBe(200)
    }
    for (const path of [
      '/run-1/link-out.jpg',
      '/run-1/relative-out.jpg',
      '/run-1/passwd.jpg',
      '/out-dir/secret.jpg',
      '/run-1/dangling.jpg',
      '/../secret.jpg',
      '/%2e%2e/secret.jpg',
      '/..%5csecret.jpg',
      '/../thumbnails-evil/x.jpg',
      `/${join(root, 'secret.jpg')}`,
      `/${encodeURIComponent(join(root, 'secret.jpg'))}`
    ]) {
      counts.badInputs++
      expect(await checkServed(path), path).not.toBe(200)
    }
  })

  it('any pathname: never a file outside the folder', async () => {
    let served = 0
    await fc.assert(
      fc.asyncProperty(pathname, async (path) => {
        counts.fuzzCases++
        if ((await checkServed(path)) === 200) served++
      }),
      { seed: 42, numRuns: 2000 }
    )
    // Some of the random paths did reach real thumbnails.
    expect(served).toBeGreaterThan(0)
    console.log(
      `[reliability] fuzz-thumbnail-lookup: ${served} of 2000 random paths served a thumbnail (all inside)`
    )
  })

  it('any thumb:// URL, through the URL parser as the Electron handler reads it', async () => {
    await fc.assert(
      fc.asyncProperty(
        pathname,
        fc.constantFrom('GET', 'HEAD', 'POST', 'PUT'),
        async (path, method) => {
          counts.fuzzCases++
          const parsed = thumbnailPathname(`thumb://t${path.startsWith('/') ? '' : '/'}${path}`)
          if (parsed === null) return
          const status = await checkServed(parsed, method)
          if (method === 'POST' || method === 'PUT') expect(status).toBe(405)
        }
      ),
      { seed: 42, numRuns: 1000 }
    )
  })
})
