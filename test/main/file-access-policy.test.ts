/**
 * Issue 19 items 4 and 1 (third variant): which files a page may have the
 * system show or open. Before: `showInFolder('/etc/shadow')` was accepted once
 * the page had set the folder to `/`; `openImage` answered a missing file and a
 * refused one differently (an existence oracle); every past run's folder stayed
 * an allowed root; and a `photo.jpg` that had become a link to `setup.exe`
 * passed the saved-files check (paths compared as written) and opened the program.
 */
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { execFileSync } from 'node:child_process'
import { mkdir, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { FILE_NOT_ALLOWED } from '../../src/main/service/file-access-policy.ts'
import { createHandlers } from '../../src/main/service/handlers.ts'
import { disposeAll, openService } from './service-helpers.ts'
import type { ServiceUnderTest } from './service-helpers.ts'

let server: Server
let origin: string
const REFUSED = { ok: false, error: FILE_NOT_ALLOWED }

beforeAll(async () => {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#48c' } })
    .jpeg()
    .toBuffer()
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length })
    response.end(jpeg)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})
afterEach(disposeAll)

/** Downloads photo.jpg and other.jpg into the default folder; returns their saved paths. */
async function savedPhotos(t: ServiceUnderTest): Promise<string[]> {
  const started = await t.service.startDownload({
    strategy: 'pool',
    concurrency: 2,
    source: { kind: 'urls', urls: [`${origin}/photo.jpg`, `${origin}/other.jpg`] }
  })
  if (!started.ok) throw new Error(started.error)
  expect(await t.finished(started.value.runId)).toMatchObject({ ok: 2 })
  return t
    .events()
    .flatMap((e: RunEvent) => (e.type === 'task-finished' && e.file ? [e.file] : []))
    .sort()
}

describe('show and open: only the images the app saved', () => {
  it('gives one answer to every refusal, so the page cannot tell what exists', async () => {
    const t = await openService()
    const handlers = createHandlers(t.service)
    const [other, photo] = await savedPhotos(t)
    expect(await handlers.showInFolder(photo)).toEqual({ ok: true, value: undefined })
    expect(await handlers.openImage(photo)).toEqual({ ok: true, value: undefined })

    const notSaved = join(t.outputDir, 'notes.txt')
    await writeFile(notSaved, 'the user’s own file, beside the images')
    const outside = join(t.root, 'secret.txt')
    await writeFile(outside, 'x')
    await rm(other!)
    const refused = [
      '/etc/passwd', // exists, outside every folder
      '/etc/shadow',
      '/no/such/file.jpg', // does not exist
      outside,
      notSaved, // exists, in the output folder, not saved by a run
      join(t.outputDir, 'missing.jpg'), // in the output folder, does not exist
      other!, // saved, then deleted
      `${photo}\0.txt`,
      join(t.outputDir, '..', 'secret.txt'),
      'relative.jpg',
      t.outputDir
    ]
    for (const file of refused) {
      expect(await handlers.showInFolder(file), file).toEqual(REFUSED)
      expect(await handlers.openImage(file), file).toEqual(REFUSED)
    }
    // Only the two calls for the saved image reached the shell.
    expect(t.shell.calls).toEqual([
      { method: 'showItemInFolder', path: photo },
      { method: 'openPath', path: photo }
    ])
  })

  it('allows only folders the history still lists: cleared runs are refused', async () => {
    const t = await openService()
    const [, photo] = await savedPhotos(t)
    expect((await t.service.openImage(photo!)).ok).toBe(true)
    await t.service.clearHistory()
    expect(await t.service.openImage(photo!)).toEqual(REFUSED)
    expect(await t.service.showInFolder(photo!)).toEqual(REFUSED)
    // And after a restart, from the history file alone.
    await t.service.dispose()
    const again = await t.reopen()
    expect(await again.showInFolder(photo!)).toEqual(REFUSED)
  })

  it('after a restart, the history’s saved images can still be shown, and nothing else', async () => {
    const t = await openService()
    const [, photo] = await savedPhotos(t)
    await t.service.dispose()
    const again = await t.reopen()
    expect(await again.showInFolder(photo!)).toEqual({ ok: true, value: undefined })
    expect(await again.showInFolder(join(t.outputDir, 'photo (2).jpg'))).toEqual(REFUSED)
  })

  it('refuses a saved image that became a link to a program beside it', async () => {
    const t = await openService()
    const [other, photo] = await savedPhotos(t)
    const setup = join(t.outputDir, 'setup.exe')
    await writeFile(setup, 'MZ… a program')
    await rm(photo!)
    await symlink(setup, photo!)
    // And one to a file outside the folder.
    await rm(other!)
    await symlink('/etc/passwd', other!)
    for (const file of [photo!, other!]) {
      expect(await t.service.openImage(file)).toEqual(REFUSED)
      expect(await t.service.showInFolder(file)).toEqual(REFUSED)
    }
    expect(t.shell.calls).toEqual([])
  })

  it('refuses a saved image that became a FIFO, without hanging on it', async () => {
    const t = await openService()
    const [, photo] = await savedPhotos(t)
    await rm(photo!)
    execFileSync('mkfifo', [photo!])
    expect(await t.service.openImage(photo!)).toEqual(REFUSED)
    expect(await t.service.showInFolder(photo!)).toEqual(REFUSED)
    expect(t.shell.calls).toEqual([])
  })

  it('a photo.jpg.part link to setup.exe, planted before the run, never opens setup.exe', async () => {
    const t = await openService()
    await mkdir(t.outputDir, { recursive: true })
    const setup = join(t.outputDir, 'setup.exe')
    await writeFile(setup, 'MZ… a program')
    await symlink(setup, join(t.outputDir, 'photo.jpg.part'))
    const saved = await savedPhotos(t)
    const realSetup = await realpath(setup)
    for (const file of [...saved, join(t.outputDir, 'photo.jpg')]) {
      await t.service.openImage(file)
      await t.service.showInFolder(file)
    }
    // Whatever the engine made of the link, the shell was never pointed at the program.
    for (const call of t.shell.calls) {
      expect(await realpath(call.path), call.path).not.toBe(realSetup)
    }
    expect(t.shell.calls.length).toBeGreaterThan(0)
  })
})
