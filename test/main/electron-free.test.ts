import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { recordingShell, scriptedDialog, tempDir } from './helpers.ts'

// That src/main/service never imports electron is a row of the layer table
// (.dependency-cruiser.cjs, checked by test/layers.test.ts); this file proves it runs without it.
describe('the main process logic', () => {
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
