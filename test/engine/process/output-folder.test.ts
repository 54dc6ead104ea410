import { lstat, mkdir, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runProcessing } from '../../../src/engine/run-process.ts'
import { pixelsOf, tempDir, writePhoto } from './fixtures.ts'
import type { TempDir } from './fixtures.ts'

let dir: TempDir
beforeEach(async () => (dir = await tempDir()))
afterEach(async () => dir.remove())

const run = (existing?: 'keep' | 'skip' | 'replace') =>
  runProcessing({
    inDir: dir.path,
    kernel: 'sharp',
    maxSize: 200,
    strategy: 'sequential',
    concurrency: 1,
    ...(existing ? { existing } : {})
  })

describe('the output folder', () => {
  it('a file of the user at the output name is never replaced: keep writes name (2).jpg beside it', async () => {
    await writePhoto(dir.path, 'a.jpg', 640, 480)
    await mkdir(join(dir.path, 'processed'))
    await writeFile(join(dir.path, 'processed', 'a.jpg'), 'my own notes, not a photo')
    const summary = await run()
    expect(summary.tasks[0]?.file).toBe(join(dir.path, 'processed', 'a (2).jpg'))
    expect(await readFile(join(dir.path, 'processed', 'a.jpg'), 'utf8')).toBe(
      'my own notes, not a photo'
    )
    expect((await pixelsOf(join(dir.path, 'processed', 'a (2).jpg'))).width).toBe(200)
  })

  it('skip keeps a different file of the user at the name; only `replace`, asked for, replaces it', async () => {
    await writePhoto(dir.path, 'a.jpg', 640, 480)
    await mkdir(join(dir.path, 'processed'))
    await writeFile(join(dir.path, 'processed', 'a.jpg'), 'mine')
    await writeFile(join(dir.path, 'processed', 'b.jpg'), 'mine too')
    await writePhoto(dir.path, 'b.jpg', 640, 480)
    const skipped = await runProcessing({
      inDir: dir.path,
      files: ['a.jpg'],
      kernel: 'sharp',
      maxSize: 200,
      strategy: 'sequential',
      concurrency: 1,
      existing: 'skip'
    })
    expect(skipped.tasks[0]?.file).toBe(join(dir.path, 'processed', 'a (2).jpg'))
    expect(await readFile(join(dir.path, 'processed', 'a.jpg'), 'utf8')).toBe('mine')
    const replaced = await runProcessing({
      inDir: dir.path,
      files: ['b.jpg'],
      kernel: 'sharp',
      maxSize: 200,
      strategy: 'sequential',
      concurrency: 1,
      existing: 'replace'
    })
    expect(replaced.tasks[0]?.file).toBe(join(dir.path, 'processed', 'b.jpg'))
    expect((await pixelsOf(join(dir.path, 'processed', 'b.jpg'))).width).toBe(200)
  })

  it('running again replaces the app’s own earlier output in place instead of piling up copies', async () => {
    await writePhoto(dir.path, 'a.jpg', 640, 480)
    await run()
    await run()
    await run()
    const names = await readdir(join(dir.path, 'processed'))
    expect(names.sort()).toEqual(['.concurrent-image-downloader.json', 'a.jpg'])
  })

  it('a link planted at processed/ is not followed: every image fails as write_failed and nothing is written through it', async () => {
    await writePhoto(dir.path, 'a.jpg', 640, 480)
    const elsewhere = await tempDir()
    try {
      await symlink(elsewhere.path, join(dir.path, 'processed'))
      const summary = await run()
      expect(summary.tasks[0]?.error?.code).toBe('write_failed')
      expect(summary.tasks[0]?.error?.message).toContain('link')
      expect(await readdir(elsewhere.path)).toEqual([])
      expect((await lstat(join(dir.path, 'processed'))).isSymbolicLink()).toBe(true)
    } finally {
      await elsewhere.remove()
    }
  })

  for (const existing of ['keep', 'replace'] as const) {
    it(`${existing}: a link planted at the output name is neither followed nor replaced`, async () => {
      await writePhoto(dir.path, 'a.jpg', 640, 480)
      await mkdir(join(dir.path, 'processed'))
      const elsewhere = await tempDir()
      try {
        const target = join(elsewhere.path, 'target.jpg')
        await writeFile(target, 'outside the folder')
        await symlink(target, join(dir.path, 'processed', 'a.jpg'))
        const summary = await run(existing)
        expect(summary.tasks[0]?.status).toBe('done')
        expect(summary.tasks[0]?.file).toBe(join(dir.path, 'processed', 'a (2).jpg'))
        expect(await readFile(target, 'utf8')).toBe('outside the folder')
        expect(await readlink(join(dir.path, 'processed', 'a.jpg'))).toBe(target)
      } finally {
        await elsewhere.remove()
      }
    })
  }

  it('the originals’ own folder is refused as the output folder (replace would overwrite the photos)', async () => {
    const original = await writePhoto(dir.path, 'a.jpg', 640, 480)
    const before = await readFile(original)
    const summary = await runProcessing({
      inDir: dir.path,
      outDir: dir.path,
      kernel: 'sharp',
      strategy: 'sequential',
      concurrency: 1,
      existing: 'replace'
    })
    expect(summary.tasks[0]?.error?.code).toBe('write_failed')
    expect((await readFile(original)).equals(before)).toBe(true)
  })
})
