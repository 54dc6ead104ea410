/**
 * Files already in the folder: the user's file is never replaced unless they chose
 * `replace`; runs one after another into one folder leave one file per URL; the
 * manifest records what the app wrote. Real HTTP on 127.0.0.1 and real files.
 */
import { spawn } from 'node:child_process'
import { readFile, symlink, utimes, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { EXISTING_POLICIES, STRATEGIES } from '../../src/common/defaults.ts'
import type { ExistingPolicy } from '../../src/common/defaults.ts'
import type { RunEvent } from '../../src/common/events.ts'
import { assignFileNames, foldName } from '../../src/engine/file-names.ts'
import { MANIFEST_NAME } from '../../src/engine/files/manifest.ts'
import { runDownloads } from '../../src/engine/run.ts'
import type { DownloadRunOptions } from '../../src/engine/run.ts'
import { startLoopbackServer } from '../reliability/helpers.ts'
import type { LoopbackServer } from '../reliability/helpers.ts'
import { filesIn, tempDir } from '../helpers/temp-dir.ts'
import { imageBytes } from './files-fixtures.ts'

const root = join(import.meta.dirname, '../..')
/** What the server sends for each path; a test may change it between runs. */
const bodies = new Map<string, Buffer>()
let etags = true
let server: LoopbackServer
let dir: { path: string; cleanup: () => Promise<void> }

beforeAll(async () => {
  server = await startLoopbackServer((req, res) => {
    const body = bodies.get(new URL(req.url ?? '/', 'http://x').pathname)
    if (!body) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, {
      'Content-Type': 'image/jpeg',
      'Content-Length': body.length,
      ...(etags ? { ETag: `"${body.subarray(-8).toString('hex')}"` } : {})
    })
    res.end(body)
  })
})
afterAll(() => server.close())
beforeEach(async () => {
  dir = await tempDir()
  bodies.clear()
  etags = true
  for (const name of ['a.jpg', 'b.jpg', 'c.jpg']) bodies.set(`/${name}`, imageBytes('jpeg', 20_000))
})
afterEach(() => dir.cleanup())

const urls = (): string[] => ['a.jpg', 'b.jpg', 'c.jpg'].map((name) => `${server.origin}/${name}`)
const served = (name: string): Buffer => bodies.get(`/${name}`) ?? Buffer.alloc(0)

function download(options: Partial<DownloadRunOptions> = {}, events: RunEvent[] = []) {
  return runDownloads({
    strategy: 'pool',
    concurrency: 3,
    dir: dir.path,
    urls: urls(),
    onEvent: (event) => events.push(event),
    ...options
  })
}

describe('a file of the user’s at the same name', () => {
  const mine = Buffer.from('my own notes, not an image')

  it('keep (the default): kept as it was; the image is saved as name (2)', async () => {
    await writeFile(join(dir.path, 'a.jpg'), mine)
    const summary = await download()
    expect(summary.ok).toBe(3)
    expect(await readFile(join(dir.path, 'a.jpg'))).toEqual(mine)
    expect(basename(summary.tasks[0]?.file ?? '')).toBe('a (2).jpg')
    expect(await readFile(join(dir.path, 'a (2).jpg'))).toEqual(served('a.jpg'))
  })

  it('skip: kept, and the image saved beside it since it is not the same image', async () => {
    await writeFile(join(dir.path, 'a.jpg'), mine)
    const summary = await download({ existing: 'skip' })
    expect(await readFile(join(dir.path, 'a.jpg'))).toEqual(mine)
    expect(basename(summary.tasks[0]?.file ?? '')).toBe('a (2).jpg')
  })

  it('skip: the same bytes already there are kept and nothing is written', async () => {
    await writeFile(join(dir.path, 'a.jpg'), served('a.jpg'))
    const events: RunEvent[] = []
    const summary = await download({ existing: 'skip' }, events)
    expect(summary.tasks[0]).toMatchObject({ status: 'done', file: join(dir.path, 'a.jpg') })
    expect(summary.tasks[0]?.message).toMatch(/already saved as a\.jpg/)
    expect(await filesIn(dir.path)).toEqual(['a.jpg', 'b.jpg', 'c.jpg'])
    // Still the user's: not listed as the app's, so a changed image later does not replace it.
    bodies.set('/a.jpg', imageBytes('jpeg', 30_000))
    const next = await download()
    expect(basename(next.tasks[0]?.file ?? '')).toBe('a (2).jpg')
  })

  it('replace: replaced, since the user chose it', async () => {
    await writeFile(join(dir.path, 'a.jpg'), mine)
    const summary = await download({ existing: 'replace' })
    expect(await readFile(join(dir.path, 'a.jpg'))).toEqual(served('a.jpg'))
    expect(summary.tasks[0]?.message).toMatch(/replaced/)
    expect(await filesIn(dir.path)).toEqual(['a.jpg', 'b.jpg', 'c.jpg'])
  })

  it('replace never replaces a folder or a link: the image takes the next name', async () => {
    const { mkdir } = await import('node:fs/promises')
    await mkdir(join(dir.path, 'a.jpg'))
    await symlink(join(dir.path, 'elsewhere.txt'), join(dir.path, 'b.jpg'))
    const summary = await download({ existing: 'replace' })
    expect(summary.tasks.map((task) => basename(task.file ?? ''))).toEqual([
      'a (2).jpg',
      'b (2).jpg',
      'c.jpg'
    ])
    expect(await filesIn(dir.path)).not.toContain('elsewhere.txt')
  })
})

describe('runs one after another into one folder', () => {
  it.each(EXISTING_POLICIES)(
    '%s: the three strategies leave one file per URL, each the served bytes',
    async (policy: ExistingPolicy) => {
      for (const strategy of STRATEGIES) {
        const summary = await download({ strategy, existing: policy })
        expect(summary.ok, strategy).toBe(3)
      }
      expect(await filesIn(dir.path)).toEqual(['a.jpg', 'b.jpg', 'c.jpg'])
      for (const name of ['a.jpg', 'b.jpg', 'c.jpg']) {
        expect(await readFile(join(dir.path, name))).toEqual(served(name))
      }
      const manifest = JSON.parse(await readFile(join(dir.path, MANIFEST_NAME), 'utf8'))
      expect(manifest.files.map((entry: { file: string }) => entry.file).sort()).toEqual([
        'a.jpg',
        'b.jpg',
        'c.jpg'
      ])
      expect(manifest.files[0]).toMatchObject({ size: 20_000, type: 'image/jpeg' })
      expect(manifest.files[0].etag).toMatch(/^"[0-9a-f]+"$/)
    }
  )

  it('keep: the app’s own earlier file of a URL is updated in place when the image changed', async () => {
    await download()
    bodies.set('/a.jpg', imageBytes('jpeg', 30_000))
    const summary = await download()
    expect(summary.tasks[0]?.message).toMatch(/replaced the earlier a\.jpg/)
    expect(await filesIn(dir.path)).toEqual(['a.jpg', 'b.jpg', 'c.jpg'])
    expect(await readFile(join(dir.path, 'a.jpg'))).toEqual(served('a.jpg'))
  })

  it('keep: an earlier file the user changed since is theirs, and is kept', async () => {
    await download()
    const edited = join(dir.path, 'a.jpg')
    await utimes(edited, new Date(2001, 1, 1), new Date(2001, 1, 1))
    bodies.set('/a.jpg', imageBytes('jpeg', 30_000))
    const summary = await download()
    expect(basename(summary.tasks[0]?.file ?? '')).toBe('a (2).jpg')
    expect(await filesIn(dir.path)).toEqual(['a (2).jpg', 'a.jpg', 'b.jpg', 'c.jpg'])
  })

  it('skip: an image unchanged on the server (same ETag and length) is not downloaded again', async () => {
    await download({ existing: 'skip' })
    const events: RunEvent[] = []
    const summary = await download({ existing: 'skip' }, events)
    expect(summary.ok).toBe(3)
    // No byte of any body was read: no progress at all.
    expect(events.filter((event) => event.type === 'task-progress')).toEqual([])
    expect(summary.tasks.every((task) => /already saved/.test(task.message ?? ''))).toBe(true)
  })

  it('the manifest forgets a file that is gone', async () => {
    await download()
    const { rm } = await import('node:fs/promises')
    await rm(join(dir.path, 'c.jpg'))
    await download({ urls: urls().slice(0, 1) })
    const manifest = JSON.parse(await readFile(join(dir.path, MANIFEST_NAME), 'utf8'))
    expect(manifest.files.map((entry: { file: string }) => entry.file).sort()).toEqual([
      'a.jpg',
      'b.jpg'
    ])
  })

  it('a manifest entry that points outside the folder is ignored', async () => {
    const outside = join(dir.path, '..', `${basename(dir.path)}-outside.jpg`)
    await writeFile(outside, 'outside')
    const entry = { url: urls()[0], size: 7, type: 'image/jpeg', mtimeMs: 0, savedAt: 1 }
    await writeFile(
      join(dir.path, MANIFEST_NAME),
      JSON.stringify({ files: [{ ...entry, file: `../${basename(outside)}` }] })
    )
    const summary = await download()
    expect(summary.ok).toBe(3)
    expect(await readFile(outside, 'utf8')).toBe('outside')
    const { rm } = await import('node:fs/promises')
    await rm(outside)
  })
})

describe('names compared as case-insensitive file systems compare them', () => {
  it('ſ.jpg and S.jpg, K (Kelvin) and k, é in NFC and NFD get two files', () => {
    expect(foldName('ſ.jpg')).toBe(foldName('S.jpg'))
    expect(assignFileNames(['http://h/%C5%BF.jpg', 'http://h/S.jpg'])).toEqual([
      'ſ.jpg',
      'S (2).jpg'
    ])
    expect(assignFileNames(['http://h/%E2%84%AA.png', 'http://h/k.png'])).toEqual([
      'K.png',
      'k (2).png'
    ])
    expect(assignFileNames(['http://h/%C3%A9.jpg', 'http://h/e%CC%81.jpg'])).toEqual([
      'é.jpg',
      'é (2).jpg'
    ])
  })
})

describe('the CLI', () => {
  function cli(args: string[]): Promise<{ code: number | null; stdout: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [join(root, 'src/cli/index.ts'), ...args], {
        cwd: root
      })
      let stdout = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      child.stderr.resume()
      child.on('close', (code) => resolve({ code, stdout }))
    })
  }

  it('--existing keep|skip|replace chooses the policy; a wrong value is bad usage', async () => {
    const mine = Buffer.from('mine')
    await writeFile(join(dir.path, 'a.jpg'), mine)
    const url = urls()[0] ?? ''
    const keep = await cli(['download', url, '--out', dir.path, '--json'])
    expect(keep.code).toBe(0)
    expect(JSON.parse(keep.stdout).tasks[0].file).toBe(join(dir.path, 'a (2).jpg'))
    const skip = await cli(['download', url, '--out', dir.path, '--existing', 'skip', '--json'])
    expect(JSON.parse(skip.stdout).tasks[0].message).toMatch(/already saved as a \(2\)\.jpg/)
    const replace = await cli(['download', url, '--out', dir.path, '--existing', 'replace'])
    expect(replace.code).toBe(0)
    // The app's own a (2).jpg is the URL's file: it is the one updated, and a.jpg stays the user's.
    expect(await readFile(join(dir.path, 'a.jpg'))).toEqual(mine)
    expect(await filesIn(dir.path)).toEqual(['a (2).jpg', 'a.jpg'])
    const wrong = await cli(['download', url, '--out', dir.path, '--existing', 'overwrite'])
    expect(wrong.code).toBe(2)
  })
})
