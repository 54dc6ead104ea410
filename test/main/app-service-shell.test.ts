import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { tempDir } from './helpers.ts'
import { disposeAll, openService, SIX_SMALL_PHOTOS } from './service-helpers.ts'

afterEach(disposeAll)

describe('app service: folders, files and the shell', () => {
  it('opens the output folder, creating it first', async () => {
    const t = await openService()
    expect(await t.service.openFolder()).toEqual({ ok: true, value: undefined })
    expect(t.shell.calls).toEqual([{ method: 'openPath', path: t.outputDir }])
    expect((await stat(t.outputDir)).isDirectory()).toBe(true)
  })

  it('shows and opens saved images, and nothing outside the folders it saved to', async () => {
    const t = await openService()
    const started = await t.service.startDownload(SIX_SMALL_PHOTOS)
    if (!started.ok) throw new Error(started.error)
    await t.finished(started.value.runId)
    const finished = t
      .events()
      .find((e): e is Extract<RunEvent, { type: 'task-finished' }> => e.type === 'task-finished')!
    const file = finished.file!
    expect(await t.service.showInFolder(file)).toEqual({ ok: true, value: undefined })
    expect(await t.service.openImage(file)).toEqual({ ok: true, value: undefined })
    expect(t.shell.calls).toEqual([
      { method: 'showItemInFolder', path: file },
      { method: 'openPath', path: file }
    ])
    const secret = join(t.root, 'secret.txt')
    await writeFile(secret, 'x')
    for (const bad of [
      secret,
      join(t.outputDir, '..', 'secret.txt'),
      join(t.outputDir, 'missing.jpg'),
      'relative.jpg',
      t.outputDir
    ]) {
      expect((await t.service.openImage(bad)).ok, bad).toBe(false)
      expect((await t.service.showInFolder(bad)).ok, bad).toBe(false)
    }
    expect(t.shell.calls).toHaveLength(2)

    // After moving to another folder, the images of the past run can still be shown.
    expect(await t.service.chooseFolder()).toEqual({ ok: true, value: join(t.root, 'chosen') })
    expect(t.dialog.asked).toEqual([t.outputDir])
    expect((await t.service.getSettings()).outputDir).toBe(join(t.root, 'chosen'))
    expect((await t.service.showInFolder(file)).ok).toBe(true)
  })

  it('says the folder could not be opened when the shell says so', async () => {
    const t = await openService()
    t.shell.openPath = async () => 'No application is associated'
    expect(await t.service.openFolder()).toEqual({
      ok: false,
      error: 'The folder could not be opened: No application is associated'
    })
  })

  it('keeps the settings when the folder dialog is dismissed', async () => {
    const t = await openService({ dialog: { chooseFolder: async () => null } })
    expect(await t.service.chooseFolder()).toEqual({ ok: true, value: null })
    expect((await t.service.getSettings()).outputDir).toBe(t.outputDir)
  })
})

describe('app service: info, settings and notices', () => {
  it('tells the app info', async () => {
    const t = await openService()
    expect(await t.service.getAppInfo()).toEqual({
      version: '0.1.0-test',
      platform: 'linux',
      cpuCount: 2,
      defaultConcurrency: 6
    })
  })

  it('resets damaged settings and tells the user once', async () => {
    const root = await tempDir()
    await mkdir(join(root, 'user-data'), { recursive: true })
    await writeFile(join(root, 'user-data', 'settings.json'), '{"strategy":"wor')
    const t = await openService({ root })
    expect((await t.service.getSettings()).strategy).toBe('pool')
    const notices = await t.service.getNotices()
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/settings file was damaged/)
    expect(await t.service.getNotices()).toEqual([])
    const saved = await t.service.saveSettings({ strategy: 'workers' })
    expect(saved.ok).toBe(true)
    await t.service.dispose()
    const again = await t.reopen()
    expect((await again.getSettings()).strategy).toBe('workers')
    expect(
      JSON.parse(await readFile(join(root, 'user-data', 'settings.json'), 'utf8')).strategy
    ).toBe('workers')
  })
})
