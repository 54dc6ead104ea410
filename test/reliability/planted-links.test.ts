/**
 * Things planted in the output folder must not redirect a write: links (dangling or
 * not) and FIFOs at the `.part` name and at the final name, and the folder itself
 * swapped for a link while a run is writing into it. Real HTTP on 127.0.0.1, real
 * files, links and FIFOs.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { lstat, mkdir, readdir, readFile, rename, symlink, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { claimByReservation, finalizePart } from '../../src/engine/files/finalize.ts'
import { folderIdentity, openFolder } from '../../src/engine/files/folder.ts'
import { Manifest, MANIFEST_NAME } from '../../src/engine/files/manifest.ts'
import { PartFile } from '../../src/engine/files/part-file.ts'
import { runDownloads } from '../../src/engine/run.ts'
import { imageBytes } from '../engine/files-fixtures.ts'
import { filesIn } from '../helpers/temp-dir.ts'
import { removeDir, startLoopbackServer, tally, tempRoot, until } from './helpers.ts'
import type { LoopbackServer } from './helpers.ts'

const counts = tally('planted-links')
const canMakeFifo = process.platform !== 'win32'
const jpeg = imageBytes('jpeg', 48 * 1024)
const SECRET = 'the user’s file outside the folder'

let server: LoopbackServer
/** While set, each response sends its headers and first 1 KiB, then waits for it. */
let gate: Promise<void> | undefined
let root: string
let out: string
let outside: string

beforeAll(async () => {
  server = await startLoopbackServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': jpeg.length })
    res.write(jpeg.subarray(0, 1024))
    void (gate ?? Promise.resolve()).then(() => res.end(jpeg.subarray(1024)))
  })
})
afterAll(() => server.close())
beforeEach(async () => {
  root = await tempRoot('cid-links-')
  out = join(root, 'out')
  outside = join(root, 'outside')
  await mkdir(out)
  await mkdir(outside)
  await writeFile(join(outside, 'secret.txt'), SECRET)
})
afterEach(() => removeDir(root))

const urls = (names: string[]): string[] => names.map((name) => `${server.origin}/${name}`)

/** The outside folder holds exactly what the test put there, as it was. */
async function expectOutsideUntouched(): Promise<void> {
  expect((await readdir(outside)).sort()).toEqual(['secret.txt'])
  expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe(SECRET)
}

describe('the .part file', () => {
  it('is never opened through what is planted at its name: a link, a dangling link, a FIFO, a file', async () => {
    await symlink(join(outside, 'secret.txt'), join(out, '.a.jpg.0000000000000000.part'))
    await symlink(join(outside, 'created.txt'), join(out, '.b.jpg.0000000000000000.part'))
    await writeFile(join(out, '.d.jpg.0000000000000000.part'), 'someone else’s')
    if (canMakeFifo) execFileSync('mkfifo', [join(out, '.c.jpg.0000000000000000.part')])
    const folder = await openFolder(out)
    for (const name of ['a', 'b', 'd', ...(canMakeFifo ? ['c'] : [])]) {
      counts.faults++
      await expect(
        PartFile.create(folder, `${name}.jpg`, `.${name}.jpg.0000000000000000.part`),
        name
      ).rejects.toMatchObject({ code: 'EEXIST' })
    }
    await folder.close()
    await expectOutsideUntouched()
    expect(await readFile(join(out, '.d.jpg.0000000000000000.part'), 'utf8')).toBe('someone else’s')
  })

  it('has a name no one can plant at: links at the old `<name>.part` names are left alone', async () => {
    await symlink(join(outside, 'secret.txt'), join(out, 'a.jpg.part'))
    await symlink(join(outside, 'created.txt'), join(out, 'b.jpg.part'))
    const summary = await runDownloads({
      strategy: 'workers',
      concurrency: 2,
      dir: out,
      urls: urls(['a.jpg', 'b.jpg'])
    })
    counts.runs++
    expect(summary.ok).toBe(2)
    await expectOutsideUntouched()
    expect((await lstat(join(out, 'a.jpg.part'))).isSymbolicLink()).toBe(true)
    for (const task of summary.tasks) expect(await readFile(task.file ?? '')).toEqual(jpeg)
  })
})

/** The next `words` draws of Math.random are 0, as if someone had guessed them: the names they make are known. */
function guessedDraws(words: number): { mockRestore: () => void } {
  const random = vi.spyOn(Math, 'random')
  for (let i = 0; i < words; i++) random.mockReturnValueOnce(0)
  return random
}

describe('a temporary name found taken', () => {
  it('a .part: a link planted at the name drawn is not written through, and another name is used', async () => {
    await symlink(join(outside, 'secret.txt'), join(out, '.a.jpg.0000000000000000.part'))
    const folder = await openFolder(out)
    const random = guessedDraws(2)
    try {
      const part = await PartFile.create(folder, 'a.jpg')
      counts.faults++
      expect(part.name).toMatch(/^\.a\.jpg\.[0-9a-f]{16}\.part$/)
      expect(part.name).not.toBe('.a.jpg.0000000000000000.part')
      await part.writer().end(jpeg)
      await until(() => part.bytesWritten === jpeg.length)
      await part.close()
      expect(await readFile(join(out, part.name))).toEqual(jpeg)
    } finally {
      random.mockRestore()
      await folder.close()
    }
    expect((await lstat(join(out, '.a.jpg.0000000000000000.part'))).isSymbolicLink()).toBe(true)
    await expectOutsideUntouched()
  })

  it('the manifest: written through another temporary name, not the link planted at the one drawn', async () => {
    const planted = join(out, `${MANIFEST_NAME}.000000000000.tmp`)
    await symlink(join(outside, 'created.txt'), planted)
    await writeFile(join(out, 'a.jpg'), jpeg)
    const manifest = await Manifest.open(await folderIdentity(out))
    const saved = { url: `${server.origin}/a.jpg`, file: 'a.jpg', size: jpeg.length }
    manifest.record({ ...saved, type: 'image/jpeg', mtimeMs: 1, savedAt: 1 })
    const random = guessedDraws(2)
    try {
      await manifest.close()
      counts.faults++
    } finally {
      random.mockRestore()
    }
    expect(manifest.lastError).toBeUndefined()
    const written = JSON.parse(await readFile(join(out, MANIFEST_NAME), 'utf8'))
    expect(written.files).toMatchObject([saved])
    expect((await lstat(planted)).isSymbolicLink()).toBe(true)
    expect((await readdir(out)).filter((name) => name.endsWith('.tmp'))).toEqual([
      basename(planted)
    ])
    await expectOutsideUntouched()
  })
})

describe('the final name', () => {
  it.each(['keep', 'skip', 'replace'] as const)(
    '%s: a link or a dangling link there is neither followed nor replaced',
    async (existing) => {
      await symlink(join(outside, 'secret.txt'), join(out, 'a.jpg'))
      await symlink(join(outside, 'created.txt'), join(out, 'b.jpg'))
      const summary = await runDownloads({
        strategy: 'pool',
        concurrency: 2,
        dir: out,
        urls: urls(['a.jpg', 'b.jpg']),
        existing
      })
      counts.runs++
      counts.faults += 2
      expect(summary.tasks.map((task) => basename(task.file ?? ''))).toEqual([
        'a (2).jpg',
        'b (2).jpg'
      ])
      expect((await lstat(join(out, 'a.jpg'))).isSymbolicLink()).toBe(true)
      expect((await lstat(join(out, 'b.jpg'))).isSymbolicLink()).toBe(true)
      await expectOutsideUntouched()
    }
  )
})

describe('where hard links are not supported (FAT, exFAT, some network file systems)', () => {
  it('the fallback reserves the name with O_EXCL: it takes a free name, and nothing planted', async () => {
    await symlink(join(outside, 'secret.txt'), join(out, 'a.jpg'))
    await symlink(join(outside, 'created.txt'), join(out, 'b.jpg'))
    await writeFile(join(out, 'c.jpg'), 'the user’s')
    const folder = await openFolder(out)
    const part = await PartFile.create(folder, 'a.jpg')
    await part.writer().end(jpeg)
    await until(() => part.bytesWritten === jpeg.length)
    await part.close()
    for (const taken of ['a.jpg', 'b.jpg', 'c.jpg']) {
      counts.faults++
      expect(await claimByReservation(folder, part.name, taken), taken).toBe(false)
    }
    expect(await claimByReservation(folder, part.name, 'd.jpg')).toBe(true)
    await folder.close()
    expect(await readFile(join(out, 'd.jpg'))).toEqual(jpeg)
    expect(await readFile(join(out, 'c.jpg'), 'utf8')).toBe('the user’s')
    expect((await readdir(out)).filter((name) => name.endsWith('.part'))).toEqual([])
    await expectOutsideUntouched()
  })
})

describe.skipIf(!canMakeFifo)('FIFOs', () => {
  it('four FIFOs at the .part and final names block nothing: the run ends, and an unrelated write completes meanwhile', async () => {
    const names = ['f0.jpg', 'f1.jpg', 'f2.jpg', 'f3.jpg']
    for (const name of names) {
      execFileSync('mkfifo', [join(out, `${name}.part`)])
      execFileSync('mkfifo', [join(out, name)])
    }
    execFileSync('mkfifo', [join(out, MANIFEST_NAME)])
    counts.faults += 9
    let release = (): void => undefined
    gate = new Promise((resolve) => (release = resolve))
    const events: RunEvent[] = []
    try {
      const run = runDownloads({
        strategy: 'workers',
        concurrency: 4,
        dir: out,
        urls: urls(names),
        existing: 'skip',
        onEvent: (event) => events.push(event)
      })
      // All four are mid-body, their .part files open: libuv's four threads must still be free.
      await until(() => events.filter((e) => e.type === 'task-progress' && e.bytes > 0).length >= 4)
      await writeFile(join(root, 'unrelated.txt'), 'written while the run is under way')
      release()
      const summary = await run
      counts.runs++
      expect(summary.ok).toBe(4)
      expect(summary.tasks.map((task) => basename(task.file ?? ''))).toEqual(
        names.map((name) => name.replace('.jpg', ' (2).jpg'))
      )
      for (const name of names) expect((await lstat(join(out, name))).isFIFO()).toBe(true)
      expect((await lstat(join(out, MANIFEST_NAME))).isFIFO()).toBe(true)
    } finally {
      gate = undefined
      release()
    }
  })
})

describe('the folder swapped for a link mid-run', () => {
  it('writes nothing through the link: images under way stay in the folder the run chose', async () => {
    let release = (): void => undefined
    gate = new Promise((resolve) => (release = resolve))
    const events: RunEvent[] = []
    try {
      const run = runDownloads({
        strategy: 'pool',
        concurrency: 3,
        dir: out,
        urls: urls(['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg']),
        onEvent: (event) => events.push(event)
      })
      await until(() => events.filter((e) => e.type === 'task-progress' && e.bytes > 0).length >= 3)
      // The folder is moved away and a link to another folder put in its place.
      await rename(out, join(root, 'moved'))
      await symlink(outside, out)
      counts.faults++
      release()
      const summary = await run
      counts.runs++
      await expectOutsideUntouched()
      // What was saved is in the moved folder; what could not be is write_failed, with a reason.
      const saved = await filesIn(join(root, 'moved'))
      expect(saved.filter((name) => name.endsWith('.part'))).toEqual([])
      for (const task of summary.tasks) {
        if (task.status === 'done') {
          expect(saved).toContain(basename(task.file ?? ''))
        } else {
          expect(task.error).toMatchObject({ code: 'write_failed' })
          expect(task.error?.message).toMatch(/moved or replaced/)
        }
      }
      // The two that had not started were refused; on Linux the three under way were saved.
      expect(summary.failed).toBeGreaterThanOrEqual(2)
      if (process.platform === 'linux' && existsSync('/proc/self/fd')) expect(summary.ok).toBe(3)
    } finally {
      gate = undefined
      release()
    }
  })

  it('without a descriptor to hold the folder by (other platforms), the swap is refused before naming', async () => {
    const identity = await folderIdentity(out)
    const folder = await openFolder(out, identity, { anchor: false })
    const part = await PartFile.create(folder, 'a.jpg')
    await part.writer().end(jpeg)
    await until(() => part.bytesWritten === jpeg.length)
    await rename(out, join(root, 'moved'))
    await symlink(outside, out)
    counts.faults++
    const task = {
      kind: 'download' as const,
      url: `${server.origin}/a.jpg`,
      dir: out,
      fileName: 'a.jpg',
      limits: {} as never
    }
    await expect(
      finalizePart(part, task, { mime: 'image/jpeg', extension: '.jpg' })
    ).rejects.toMatchObject({ code: 'write_failed' })
    await expectOutsideUntouched()
  })
})
