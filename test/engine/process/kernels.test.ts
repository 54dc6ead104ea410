import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PROCESS_KERNELS } from '../../../src/common/defaults.ts'
import { runKernel } from '../../../src/engine/process/kernels.ts'
import { runProcessing } from '../../../src/engine/run-process.ts'
import { photoJpeg, pixelsOf, psnr, tempDir, writePhoto } from './fixtures.ts'
import type { TempDir } from './fixtures.ts'

let dir: TempDir
beforeEach(async () => (dir = await tempDir()))
afterEach(async () => dir.remove())

const outputOf = (
  summary: { tasks: { label: string; file?: string }[] },
  label: string
): string => {
  const file = summary.tasks.find((task) => task.label === label)?.file
  if (!file) throw new Error(`no output for ${label}`)
  return file
}

describe('the two kernels', () => {
  it('the js kernel matches sharp within PSNR ≥ 30 dB (blur 15 at full size, fit inside 1200)', async () => {
    await writePhoto(dir.path, 'photo.jpg', 2400, 1600)
    const outputs: Record<string, Awaited<ReturnType<typeof pixelsOf>>> = {}
    for (const kernel of PROCESS_KERNELS) {
      const outDir = join(dir.path, kernel)
      const summary = await runProcessing({
        inDir: dir.path,
        outDir,
        kernel,
        strategy: 'sequential',
        concurrency: 1
      })
      expect(summary.ok).toBe(1)
      outputs[kernel] = await pixelsOf(outputOf(summary, 'photo.jpg'))
    }
    const { sharp: bySharp, js: byJs } = outputs
    expect([byJs!.width, byJs!.height]).toEqual([1200, 800])
    expect([bySharp!.width, bySharp!.height]).toEqual([1200, 800])
    expect(psnr(bySharp!.data, byJs!.data)).toBeGreaterThanOrEqual(30)
  })

  it('both kernels blur at full size, then shrink: each is within 42 dB of blur-then-shrink, and nearer to it than to shrink-then-blur', async () => {
    const input = await writePhoto(dir.path, 'photo.jpg', 2400, 1600)
    const raw = { raw: { width: 2400, height: 1600, channels: 3 } } as const
    const blurredFirst = await sharp(await sharp(input).blur(4).raw().toBuffer(), raw)
      .resize(1200, 800, { fit: 'fill' })
      .raw()
      .toBuffer()
    const small = { raw: { width: 1200, height: 800, channels: 3 } } as const
    const shrunkFirst = await sharp(await sharp(input).resize(1200, 800).raw().toBuffer(), small)
      .blur(4)
      .raw()
      .toBuffer()
    for (const kernel of PROCESS_KERNELS) {
      const summary = await runProcessing({
        inDir: dir.path,
        outDir: join(dir.path, kernel),
        kernel,
        blur: 4,
        strategy: 'sequential',
        concurrency: 1
      })
      const { data } = await pixelsOf(outputOf(summary, 'photo.jpg'))
      expect(psnr(data, blurredFirst), kernel).toBeGreaterThanOrEqual(42)
      expect(psnr(data, blurredFirst), kernel).toBeGreaterThan(psnr(data, shrunkFirst))
    }
  })

  for (const kernel of PROCESS_KERNELS) {
    it(`${kernel}: the longer side fits inside maxSize with the aspect kept, a small image is not enlarged, EXIF orientation 6 gives a portrait`, async () => {
      await writePhoto(dir.path, 'wide.jpg', 1500, 1000)
      await writePhoto(dir.path, 'tall.jpg', 900, 1350)
      await writePhoto(dir.path, 'small.jpg', 300, 200)
      // Stored 1200 × 800, shown turned a quarter clockwise: 800 × 1200.
      await writePhoto(dir.path, 'turned.jpg', 1200, 800, { orientation: 6 })
      const summary = await runProcessing({
        inDir: dir.path,
        kernel,
        blur: 2,
        maxSize: 600,
        strategy: 'pool',
        concurrency: 2
      })
      expect(summary.ok).toBe(4)
      const size = async (label: string): Promise<[number, number]> => {
        const { width, height } = await pixelsOf(outputOf(summary, label))
        return [width, height]
      }
      expect(await size('wide.jpg')).toEqual([600, 400])
      expect(await size('tall.jpg')).toEqual([400, 600])
      expect(await size('small.jpg')).toEqual([300, 200])
      expect(await size('turned.jpg')).toEqual([400, 600])
    })
  }

  it('keeps the input format: a PNG comes out as a PNG under the same name', async () => {
    const png = await sharp({
      create: {
        width: 800,
        height: 600,
        channels: 4,
        background: { r: 10, g: 200, b: 90, alpha: 0.5 }
      }
    })
      .png()
      .toBuffer()
    await writeFile(join(dir.path, 'logo.png'), png)
    await writePhoto(dir.path, 'photo.jpg', 800, 600)
    for (const kernel of PROCESS_KERNELS) {
      const summary = await runProcessing({
        inDir: dir.path,
        outDir: join(dir.path, kernel),
        kernel,
        maxSize: 400,
        strategy: 'sequential',
        concurrency: 1
      })
      expect(summary.ok).toBe(2)
      const logo = await pixelsOf(outputOf(summary, 'logo.png'))
      expect(logo.format).toBe('png')
      expect(outputOf(summary, 'logo.png')).toBe(join(dir.path, kernel, 'logo.png'))
      expect((await pixelsOf(outputOf(summary, 'photo.jpg'))).format).toBe('jpeg')
    }
  })

  for (const kernel of PROCESS_KERNELS) {
    it(`${kernel}: a cancel while libvips decodes ends the kernel as cancelled, not with an image`, async () => {
      const bytes = await photoJpeg(2400, 1600)
      const controller = new AbortController()
      const input = { name: 'photo.jpg', bytes, blur: 15, maxSize: 1200 }
      const type = { mime: 'image/jpeg', extension: '.jpg' }
      const running = runKernel(
        kernel,
        { ...input, type },
        {
          signal: controller.signal,
          notify: () => undefined
        }
      )
      // The first pipeline is under way on libuv's threads; it cannot be stopped, the kernel can.
      controller.abort()
      await expect(running).rejects.toMatchObject({ code: 'cancelled' })
    })
  }
})
