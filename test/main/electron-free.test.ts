import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { recordingShell, scriptedDialog, tempDir } from './helpers.ts'

const serviceDir = join(import.meta.dirname, '../../src/main/service')

describe('the main process logic', () => {
  it('never imports electron, so it runs under plain Node and in the Chromium harness', async () => {
    const files = (await readdir(serviceDir, { recursive: true })).filter((f) => f.endsWith('.ts'))
    expect(files.length).toBeGreaterThan(10)
    for (const file of files) {
      const source = await readFile(join(serviceDir, file), 'utf8')
      expect(source, file).not.toMatch(
        /from\s+['"]electron(\/[^'"]*)?['"]|import\(\s*['"]electron|require\(\s*['"]electron/
      )
      expect(source, file).not.toMatch(/from\s+['"][./]*\/(renderer|preload)\//)
    }
  })

  it('loads and opens a service without electron installed in the module graph', async () => {
    const { createAppService } = await import('../../src/main/service/app-service.ts')
    const root = await tempDir()
    const outputDir = join(root, 'Pictures', 'Concurrent Image Downloader')
    const service = await createAppService({
      userDataDir: join(root, 'user-data'),
      cacheDir: join(root, 'cache'),
      defaultOutputDir: outputDir,
      appVersion: '0.1.0-electron-free',
      cpuCount: 4,
      thumbnailUrl: (rel) => `http://127.0.0.1:9/thumbnails/${rel}`,
      shell: recordingShell(),
      dialog: scriptedDialog(null)
    })
    try {
      // Open: it answers what the window asks first, from its own files.
      expect(await service.getAppInfo()).toMatchObject({
        version: '0.1.0-electron-free',
        cpuCount: 4,
        defaultConcurrency: 8
      })
      expect(await service.getSettings()).toMatchObject({ outputDir, concurrency: 8 })
      expect(await service.getHistory()).toEqual([])
      expect(service.thumbnailDir.startsWith(join(root, 'cache'))).toBe(true)
    } finally {
      await service.dispose()
    }
  })
})
