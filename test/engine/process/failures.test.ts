import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PROCESS_KERNELS } from '../../../src/common/defaults.ts'
import { runProcessing } from '../../../src/engine/run-process.ts'
import { imageBytes } from '../files-fixtures.ts'
import { eventLog, photoJpeg, tempDir, writePhoto } from './fixtures.ts'
import type { TempDir } from './fixtures.ts'

let dir: TempDir
beforeEach(async () => (dir = await tempDir()))
afterEach(async () => dir.remove())

describe('bad input', () => {
  for (const kernel of PROCESS_KERNELS) {
    it(`${kernel}: a non-image fails as not_image and a truncated JPEG as corrupt_image, each naming its file; the others are written`, async () => {
      await writePhoto(dir.path, 'a.jpg', 640, 480)
      await writeFile(join(dir.path, 'notes.jpg'), 'not a photo, only text\n')
      const whole = await photoJpeg(640, 480, { index: 4 })
      await writeFile(join(dir.path, 'cut.jpg'), whole.subarray(0, Math.floor(whole.length / 2)))
      await writePhoto(dir.path, 'z.jpg', 640, 480, { index: 5 })
      const { events, onEvent } = eventLog()
      const summary = await runProcessing({
        inDir: dir.path,
        kernel,
        strategy: 'pool',
        concurrency: 2,
        onEvent
      })
      const byLabel = new Map(summary.tasks.map((task) => [task.label, task]))
      expect(byLabel.get('notes.jpg')?.error?.code).toBe('not_image')
      expect(byLabel.get('notes.jpg')?.error?.message).toContain('notes.jpg')
      expect(byLabel.get('cut.jpg')?.error?.code).toBe('corrupt_image')
      expect(byLabel.get('cut.jpg')?.error?.message).toContain('cut.jpg')
      expect(byLabel.get('a.jpg')?.status).toBe('done')
      expect(byLabel.get('z.jpg')?.status).toBe('done')
      expect([summary.ok, summary.failed]).toEqual([2, 2])
      // Nothing was written for the failures: no file, no `.part` left behind.
      expect((await readdir(join(dir.path, 'processed'))).sort()).toEqual([
        '.concurrent-image-downloader.json',
        'a.jpg',
        'z.jpg'
      ])
      const failed = events.filter((event) => event.type === 'task-failed')
      expect(failed.map((event) => event.type === 'task-failed' && event.code).sort()).toEqual([
        'corrupt_image',
        'not_image'
      ])
    })
  }

  it('an image of a type processing cannot decode or write (BMP, HEIC, SVG) fails as unsupported_image naming it', async () => {
    await writeFile(join(dir.path, 'scan.bmp'), imageBytes('bmp', 4096))
    await writeFile(join(dir.path, 'phone.heic'), imageBytes('heic', 4096))
    await writeFile(join(dir.path, 'logo.svg'), imageBytes('svg', 512))
    const summary = await runProcessing({
      inDir: dir.path,
      kernel: 'sharp',
      strategy: 'sequential',
      concurrency: 1
    })
    expect(summary.tasks.map((task) => [task.label, task.error?.code])).toEqual([
      ['logo.svg', 'unsupported_image'],
      ['phone.heic', 'unsupported_image'],
      ['scan.bmp', 'unsupported_image']
    ])
    for (const task of summary.tasks) expect(task.error?.message).toContain(task.label)
  })

  it('lists the plain image files directly in the folder, by name: not links, folders, hidden files or other names', async () => {
    await writePhoto(dir.path, 'b.jpg', 320, 240)
    await writePhoto(dir.path, 'a.JPEG', 320, 240)
    await writeFile(join(dir.path, 'readme.txt'), 'hello')
    await writeFile(join(dir.path, '.hidden.jpg'), await photoJpeg(320, 240))
    await mkdir(join(dir.path, 'folder.jpg'))
    const outside = await tempDir()
    try {
      await writePhoto(outside.path, 'secret.jpg', 320, 240)
      await symlink(join(outside.path, 'secret.jpg'), join(dir.path, 'link.jpg'))
      const { events, onEvent } = eventLog()
      const summary = await runProcessing({
        inDir: dir.path,
        kernel: 'sharp',
        strategy: 'sequential',
        concurrency: 1,
        onEvent
      })
      expect(summary.tasks.map((task) => task.label)).toEqual(['a.JPEG', 'b.jpg'])
      const started = events.find((event) => event.type === 'run-started')
      expect(started).toMatchObject({
        kind: 'process',
        kernel: 'sharp',
        blur: 15,
        maxSize: 1200,
        outDir: join(dir.path, 'processed'),
        tasks: [
          { taskId: 0, label: 'a.JPEG', fileName: 'a.JPEG', input: join(dir.path, 'a.JPEG') },
          { taskId: 1, label: 'b.jpg', fileName: 'b.jpg', input: join(dir.path, 'b.jpg') }
        ]
      })
    } finally {
      await outside.remove()
    }
  })

  it('a link named among `files` is not followed: it fails as read_failed naming it', async () => {
    const outside = await tempDir()
    try {
      await writePhoto(outside.path, 'secret.jpg', 320, 240)
      await symlink(join(outside.path, 'secret.jpg'), join(dir.path, 'link.jpg'))
      await writePhoto(dir.path, 'ok.jpg', 320, 240)
      const summary = await runProcessing({
        inDir: dir.path,
        files: ['link.jpg', 'ok.jpg', '../escape.jpg'],
        kernel: 'js',
        strategy: 'sequential',
        concurrency: 1
      })
      const [link, ok, escape] = summary.tasks
      expect(link?.error).toMatchObject({ code: 'read_failed' })
      expect(link?.error?.message).toContain('link.jpg')
      expect(ok?.status).toBe('done')
      expect(escape?.error).toMatchObject({ code: 'read_failed' })
      expect(escape?.error?.message).toContain('../escape.jpg')
    } finally {
      await outside.remove()
    }
  })

  it('a folder that cannot be listed rejects with read_failed before the run starts', async () => {
    const { events, onEvent } = eventLog()
    await expect(
      runProcessing({
        inDir: join(dir.path, 'missing'),
        kernel: 'sharp',
        strategy: 'sequential',
        concurrency: 1,
        onEvent
      })
    ).rejects.toMatchObject({ code: 'read_failed' })
    expect(events).toEqual([])
  })
})
