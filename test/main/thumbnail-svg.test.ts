import { writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { makeThumbnail } from '../../src/main/service/thumbnails/thumbnails.ts'
import { tempDir } from './helpers.ts'
import { disposeAll, openService } from './service-helpers.ts'

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

describe('opening a downloaded SVG (issue 19.5)', () => {
  it('shows it in its folder instead of opening it, where a browser would read files beside it', async () => {
    const body = svg('<xi:include href="secret.txt" parse="text"/>')
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'image/svg+xml' })
      response.end(body)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    try {
      const t = await openService()
      const started = await t.service.startDownload({
        strategy: 'pool',
        concurrency: 1,
        source: { kind: 'urls', urls: [`http://127.0.0.1:${port}/drawing.svg`] }
      })
      if (!started.ok) throw new Error(started.error)
      expect(await t.finished(started.value.runId)).toMatchObject({ ok: 1 })
      const file = t
        .events()
        .flatMap((e) => (e.type === 'task-finished' && e.file ? [e.file] : []))[0]
      if (!file) throw new Error('no file saved')
      expect(file).toMatch(/\.svg$/)
      expect(await t.service.openImage(file)).toEqual({ ok: true, value: undefined })
      expect(t.shell.calls).toEqual([{ method: 'showItemInFolder', path: file }])
    } finally {
      await disposeAll()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
