import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { makeThumbnail } from '../../src/main/service/thumbnails.ts'
import { tempDir } from './helpers.ts'

const SECRET = 'PRIVATE KEY MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM'

/** An SVG that draws, in large black letters on white, whatever `text` holds. */
function svg(text: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xi="http://www.w3.org/2001/XInclude" width="640" height="200">
  <rect width="640" height="200" fill="white"/>
  <text x="10" y="120" font-size="72" font-family="sans-serif" fill="black">${text}</text>
</svg>`
}

/** How many of the thumbnail's pixels are dark: the letters drawn, if any. */
async function darkPixels(file: string): Promise<number> {
  const { data } = await sharp(file).greyscale().raw().toBuffer({ resolveWithObject: true })
  let dark = 0
  for (const value of data) if (value < 128) dark++
  return dark
}

describe('SVG thumbnails (issue 19.5)', () => {
  it('do not render a file beside the SVG that it includes with xi:include', async () => {
    const images = await tempDir()
    const cache = await tempDir()
    await writeFile(join(images, 'secret.txt'), SECRET)
    await writeFile(join(images, 'evil.svg'), svg('<xi:include href="secret.txt" parse="text"/>'))
    // The control: the same drawing with the secret written in, to show the letters would show.
    await writeFile(join(images, 'shown.svg'), svg(SECRET))

    const evil = await makeThumbnail(join(images, 'evil.svg'), cache, 'r', 0)
    const shown = await makeThumbnail(join(images, 'shown.svg'), cache, 'r', 1)
    expect(shown.ok && (await darkPixels(shown.file))).toBeGreaterThan(500)
    // Made, or refused with a message: either way no letter of the secret in it.
    if (evil.ok) expect(await darkPixels(evil.file)).toBe(0)
    else expect(evil.message).toMatch(/No thumbnail/)
  })

  it('still makes a thumbnail of a plain SVG', async () => {
    const images = await tempDir()
    const cache = await tempDir()
    await writeFile(join(images, 'plain.svg'), svg('hello'))
    const outcome = await makeThumbnail(join(images, 'plain.svg'), cache, 'r', 0)
    expect(outcome).toMatchObject({ ok: true, width: 320, height: 100 })
  })
})
