/**
 * Issue 19 item 3: the page chose the folder. `saveSettings({ outputDir: '/' })`
 * and `startDownload({ outputDir })` took any absolute path, and `openFolder`
 * then made and opened it (an `…/Evil.app` on macOS is launched); on Windows a
 * `\\host\share` folder connects over SMB and can leak the user's NTLM hash.
 * Now main owns the folder: the default, or what the folder dialog answers.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../src/main/service/handlers.ts'
import { outputFolderProblem } from '../../src/main/service/output-folder-policy.ts'
import { tempDir } from './helpers.ts'
import { disposeAll, openService } from './service-helpers.ts'

afterEach(disposeAll)

const GOOD_DOWNLOAD = {
  strategy: 'pool',
  concurrency: 2,
  source: { kind: 'simulated', simulated: { count: 1, sizeKB: 4, latencyMs: 0, bandwidthKBps: 0 } }
}

describe('the output folder rules, per platform (pure, so Windows rules run here)', () => {
  const refusedEverywhere = [
    '\\\\host\\share\\photos',
    '//host/share/photos',
    '\\/host/share',
    '\\\\?\\C:\\photos',
    '\\\\.\\PhysicalDrive0',
    '//?/C:/photos',
    '//./pipe/x'
  ]

  it.each(['win32', 'linux', 'darwin'])('%s: refuses UNC and device paths', (platform) => {
    for (const dir of refusedEverywhere) {
      expect(outputFolderProblem(dir, platform), `${platform} ${dir}`).toBe(
        'network (UNC) and device paths are not used'
      )
    }
    expect(outputFolderProblem('/home/a/x\0y', platform)).toBe('it contains a NUL character')
  })

  it('win32: a drive letter, no stream, no device name', () => {
    expect(outputFolderProblem('C:\\Users\\ada\\Pictures\\Downloader', 'win32')).toBeNull()
    expect(outputFolderProblem('d:/photos', 'win32')).toBeNull()
    expect(outputFolderProblem('\\??\\C:\\photos', 'win32')).toMatch(/drive letter/)
    expect(outputFolderProblem('\\photos', 'win32')).toMatch(/drive letter/)
    expect(outputFolderProblem('C:photos', 'win32')).toMatch(/drive letter/)
    expect(outputFolderProblem('photos', 'win32')).toMatch(/drive letter/)
    expect(outputFolderProblem('C:\\photos:hidden', 'win32')).toMatch(/colon/)
    for (const device of ['CON', 'nul.txt', 'COM1', 'lpt9.jpg', 'AUX ', 'prn.', 'CONIN$']) {
      expect(outputFolderProblem(`C:\\photos\\${device}\\x`, 'win32'), device).toMatch(/device/)
    }
    expect(outputFolderProblem('C:\\photos\\console', 'win32')).toBeNull()
  })

  it('posix: an absolute path', () => {
    expect(outputFolderProblem('/home/ada/Pictures', 'linux')).toBeNull()
    expect(outputFolderProblem('relative/photos', 'linux')).toBe('it must be an absolute path')
    expect(outputFolderProblem('C:\\photos', 'darwin')).toBe('it must be an absolute path')
    // A folder named CON is an ordinary folder off Windows.
    expect(outputFolderProblem('/home/ada/CON', 'linux')).toBeNull()
  })
})

describe('the page cannot choose the folder', () => {
  it('refuses outputDir in saveSettings and startDownload; nothing is made or opened', async () => {
    const t = await openService()
    const handlers = createHandlers(t.service)
    const evil = join(t.root, 'Evil.app')
    const before = await t.service.getSettings()

    for (const outputDir of ['/', evil, '\\\\attacker.example\\share']) {
      const saved = await handlers.saveSettings({ outputDir })
      expect(saved).toMatchObject({ ok: false })
      expect((saved as { error: string }).error).toMatch(/^Invalid settings: .*outputDir/)
      const started = await handlers.startDownload({ ...GOOD_DOWNLOAD, outputDir })
      expect(started).toMatchObject({ ok: false })
      expect((started as { error: string }).error).toMatch(/outputDir/)
    }
    // The good request without it runs, in the default folder.
    expect(await t.service.getSettings()).toEqual(before)
    expect(await handlers.openFolder()).toEqual({ ok: true, value: undefined })
    expect(t.shell.calls).toEqual([{ method: 'openPath', path: t.outputDir }])
    expect(await readdir(t.root)).not.toContain('Evil.app')
    expect(t.events()).toEqual([])
  })

  it('takes the folder from the dialog, and refuses a network share the dialog answers', async () => {
    const t = await openService()
    const handlers = createHandlers(t.service)
    t.dialog.answer = '//fileserver/share/photos'
    expect(await handlers.chooseFolder()).toEqual({
      ok: false,
      error:
        'The output folder //fileserver/share/photos cannot be used (network (UNC) and device paths are not used)'
    })
    expect((await t.service.getSettings()).outputDir).toBe(t.outputDir)

    const chosen = join(t.root, 'chosen')
    t.dialog.answer = chosen
    expect(await handlers.chooseFolder()).toEqual({ ok: true, value: chosen })
    expect(t.dialog.asked).toEqual([t.outputDir, t.outputDir])
    const started = await handlers.startDownload(GOOD_DOWNLOAD)
    if (!started.ok) throw new Error(started.error)
    expect(await t.finished(started.value.runId)).toMatchObject({ ok: 1 })
    // The image (beside the engine's hidden manifest, if any).
    expect((await readdir(chosen)).filter((name) => !name.startsWith('.'))).toHaveLength(1)
  })

  it('on Windows, refuses \\\\host\\share and \\\\?\\ device paths from the dialog', async () => {
    const t = await openService({ platform: 'win32' })
    for (const answer of ['\\\\host\\share\\photos', '\\\\?\\C:\\photos', '\\\\.\\C:\\photos']) {
      t.dialog.answer = answer
      const result = await t.service.chooseFolder()
      expect(result, answer).toMatchObject({ ok: false })
      expect((result as { error: string }).error).toMatch(/network \(UNC\) and device paths/)
    }
    expect((await t.service.getSettings()).outputDir).toBe(t.outputDir)
  })

  it('does not trust a folder in the settings file that the rules refuse: the default takes its place', async () => {
    const root = await tempDir()
    await mkdir(join(root, 'user-data'), { recursive: true })
    const file = join(root, 'user-data', 'settings.json')
    await writeFile(
      file,
      JSON.stringify({ outputDir: '//attacker.example/share', strategy: 'workers' })
    )
    const t = await openService({ root })
    expect(await t.service.getSettings()).toMatchObject({
      outputDir: t.outputDir,
      strategy: 'workers'
    })
    const notices = await t.service.getNotices()
    expect(notices).toContainEqual(
      expect.stringMatching(/^The output folder \/\/attacker\.example\/share cannot be used/)
    )
    await t.service.dispose()
    expect(JSON.parse(await readFile(file, 'utf8')).outputDir).toBe(t.outputDir)
  })
})
