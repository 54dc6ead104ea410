import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { createThumbnailer, makeThumbnail } from '../../src/main/service/thumbnails/thumbnails.ts'
import { tempDir } from './helpers.ts'

async function photo(file: string, width: number, height: number): Promise<void> {
  await sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .toFile(file)
}

describe('thumbnails', () => {
  it('makes a JPEG of at most 320 px in the cache folder, not beside the image', async () => {
    const images = await tempDir()
    const cache = await tempDir()
    await photo(join(images, 'wide.jpg'), 1600, 900)
    const outcome = await makeThumbnail(join(images, 'wide.jpg'), cache, 'run-1', 7)
    expect(outcome).toMatchObject({ ok: true, relPath: 'run-1/7.jpg', width: 320, height: 180 })
    if (!outcome.ok) return
    expect(outcome.file).toBe(join(cache, 'run-1', '7.jpg'))
    expect(outcome.ms).toBeGreaterThan(0)
    const meta = await sharp(outcome.file).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 180])
    expect(await readdir(images)).toEqual(['wide.jpg'])
  })

  it('keeps portrait images inside 320 × 320 and never enlarges small ones', async () => {
    const images = await tempDir()
    const cache = await tempDir()
    await photo(join(images, 'tall.png'), 600, 1200)
    await photo(join(images, 'small.jpg'), 100, 80)
    expect(await makeThumbnail(join(images, 'tall.png'), cache, 'r', 0)).toMatchObject({
      ok: true,
      width: 160,
      height: 320
    })
    expect(await makeThumbnail(join(images, 'small.jpg'), cache, 'r', 1)).toMatchObject({
      ok: true,
      width: 100,
      height: 80
    })
  })

  it('turns an image by its EXIF orientation', async () => {
    const images = await tempDir()
    const cache = await tempDir()
    await sharp({ create: { width: 800, height: 400, channels: 3, background: '#246' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toFile(join(images, 'rotated.jpg'))
    expect(await makeThumbnail(join(images, 'rotated.jpg'), cache, 'r', 0)).toMatchObject({
      width: 160,
      height: 320
    })
  })

  it('reports a file that is not an image, and leaves no thumbnail', async () => {
    const images = await tempDir()
    const cache = await tempDir()
    await writeFile(join(images, 'page.jpg'), '<html>not a photo</html>')
    const outcome = await makeThumbnail(join(images, 'page.jpg'), cache, 'r', 3)
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.message).toMatch(/^No thumbnail: not an image that can be decoded/)
    expect(await readdir(join(cache, 'r'))).toEqual([])
  })

  it('reports a truncated image', async () => {
    const images = await tempDir()
    const cache = await tempDir()
    const whole = await sharp({
      create: {
        width: 900,
        height: 900,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 40 }
      }
    })
      .jpeg()
      .toBuffer()
    await writeFile(join(images, 'cut.jpg'), whole.subarray(0, whole.length / 2))
    expect((await makeThumbnail(join(images, 'cut.jpg'), cache, 'r', 0)).ok).toBe(false)
  })

  it('waits for a run’s thumbnails and skips the queue of a cancelled run', async () => {
    const images = await tempDir()
    const cache = await tempDir()
    await photo(join(images, 'a.jpg'), 2000, 1500)
    const thumbnailer = createThumbnailer({ dir: cache, concurrency: 2 })
    const outcomes = Array.from({ length: 8 }, (_, i) =>
      thumbnailer.make('run', i, join(images, 'a.jpg'))
    )
    await outcomes[0]
    thumbnailer.skipQueued('run')
    await thumbnailer.settled('run')
    const settled = await Promise.all(outcomes)
    // Two run side by side; by the time the first is read one or two more may have
    // started on a busy machine. Whatever had not started is skipped.
    const made = settled.filter((o) => o.ok).length
    expect(made).toBeGreaterThanOrEqual(1)
    expect(made).toBeLessThanOrEqual(4)
    expect(settled.filter((o) => !o.ok && o.skipped)).toHaveLength(8 - made)
  })

  it('prunes the thumbnails of runs no longer kept', async () => {
    const images = await tempDir()
    const cache = await tempDir()
    await photo(join(images, 'a.jpg'), 400, 300)
    const thumbnailer = createThumbnailer({ dir: cache })
    await thumbnailer.make('keep', 0, join(images, 'a.jpg'))
    await thumbnailer.make('drop', 0, join(images, 'a.jpg'))
    await thumbnailer.settled('keep')
    await thumbnailer.settled('drop')
    await thumbnailer.prune(['keep'])
    expect(await readdir(cache)).toEqual(['keep'])
  })
})
