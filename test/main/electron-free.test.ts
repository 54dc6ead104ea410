import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

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
    const module = await import('../../src/main/service/app-service.ts')
    expect(typeof module.createAppService).toBe('function')
  })
})
