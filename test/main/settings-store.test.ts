import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TUTORIAL_URLS } from '../../src/common/defaults.ts'
import { DEFAULT_SIMULATED_SOURCE } from '../../src/common/schemas.ts'
import { openSettingsStore, SETTINGS_FILE } from '../../src/main/service/stores/settings-store.ts'
import { tempDir } from './helpers.ts'

async function open(userDataDir: string, notices: string[] = []) {
  return openSettingsStore({
    userDataDir,
    defaultOutputDir: '/home/someone/Pictures/Concurrent Image Downloader',
    cpuCount: 2,
    onNotice: (message) => notices.push(message)
  })
}

describe('settings store', () => {
  it('starts from the defaults', async () => {
    const store = await open(await tempDir())
    expect(store.get()).toEqual({
      outputDir: '/home/someone/Pictures/Concurrent Image Downloader',
      strategy: 'pool',
      concurrency: 6,
      sourceKind: 'urls',
      urls: [...TUTORIAL_URLS],
      imageSize: 'original',
      simulated: DEFAULT_SIMULATED_SOURCE,
      existing: 'keep',
      stall: { minSpeedKBps: 1, seconds: 20 }
    })
  })

  it('defaults the concurrency to min(32, cpus + 4): 8 on 4 CPUs, 32 on 64', async () => {
    const concurrencyOn = async (cpuCount: number): Promise<number> => {
      const store = await openSettingsStore({
        userDataDir: await tempDir(),
        defaultOutputDir: '/home/someone/Pictures/Concurrent Image Downloader',
        cpuCount,
        onNotice: () => undefined
      })
      return store.get().concurrency
    }
    expect(await concurrencyOn(4)).toBe(8)
    expect(await concurrencyOn(64)).toBe(32)
  })

  it('saves a patch and reads it back after a restart', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const saved = await store.save({ strategy: 'workers', concurrency: 12 })
    expect(saved).toMatchObject({ ok: true, value: { strategy: 'workers', concurrency: 12 } })
    // The folder is main's to set, apart from the page's patches.
    expect(await store.setOutputDir('/tmp/images')).toMatchObject({ ok: true })
    await store.flush()
    const again = await open(dir)
    expect(again.get()).toMatchObject({
      strategy: 'workers',
      concurrency: 12,
      outputDir: '/tmp/images'
    })
    // Nothing but the file itself is left behind by the atomic write.
    expect(await readdir(dir)).toEqual([SETTINGS_FILE])
  })

  it('refuses a bad patch and keeps what it had', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    for (const bad of [
      { concurrency: 0 },
      { concurrency: 1.5 },
      { strategy: 'threads' },
      { unknownKey: 1 },
      { outputDir: '/tmp/images' },
      { outputDir: 'relative/folder' },
      { outputDir: 'x'.repeat(5000) },
      null,
      'settings',
      [1, 2]
    ]) {
      const result = await store.save(bad)
      expect(result.ok, JSON.stringify(bad).slice(0, 40)).toBe(false)
    }
    expect(store.get().strategy).toBe('pool')
    await expect(readdir(dir)).resolves.toEqual([])
  })

  it('keeps the last of many quick saves', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save({ concurrency: i + 1 })))
    await store.flush()
    const saved = JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8'))
    expect(saved.concurrency).toBe(20)
  })

  it('keeps the valid settings of a half-valid file across the next start, and says so once', async () => {
    const dir = await tempDir()
    const first = await open(dir)
    await first.save({ strategy: 'workers', concurrency: 9 })
    await first.flush()
    const file = join(dir, SETTINGS_FILE)
    const data = JSON.parse(await readFile(file, 'utf8'))
    await writeFile(file, JSON.stringify({ ...data, theme: 'purple' }))

    const notices: string[] = []
    expect((await open(dir, notices)).get()).toMatchObject({ strategy: 'workers', concurrency: 9 })
    expect(notices).toHaveLength(1)
    const later: string[] = []
    expect((await open(dir, later)).get()).toMatchObject({ strategy: 'workers', concurrency: 9 })
    expect(later).toEqual([])
  })

  it('reads a file a text editor saved with a byte-order mark', async () => {
    const dir = await tempDir()
    const first = await open(dir)
    await first.save({ strategy: 'workers', concurrency: 9 })
    await first.flush()
    const saved = await readFile(join(dir, SETTINGS_FILE), 'utf8')
    await writeFile(join(dir, SETTINGS_FILE), '\uFEFF' + saved)
    const notices: string[] = []
    const store = await open(dir, notices)
    expect(store.get()).toMatchObject({ strategy: 'workers', concurrency: 9 })
    expect(notices).toEqual([])
    expect(await readdir(dir)).toEqual([SETTINGS_FILE])
  })

  it('falls back to the defaults on a truncated file, keeps it aside and says so once', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, SETTINGS_FILE), '{"outputDir": "/tmp/x", "strat')
    const notices: string[] = []
    const store = await open(dir, notices)
    expect(store.get().strategy).toBe('pool')
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/damaged/)
    const files = await readdir(dir)
    expect(files.some((f) => /^settings\.json\.corrupt-\d+$/.test(f))).toBe(true)
    expect(files).not.toContain(SETTINGS_FILE)
    // The next start reads a good file (or none) and says nothing.
    const later: string[] = []
    await open(dir, later)
    expect(later).toEqual([])
  })

  it('keeps the valid settings of a file with one bad value', async () => {
    const dir = await tempDir()
    await writeFile(
      join(dir, SETTINGS_FILE),
      JSON.stringify({ strategy: 'workers', concurrency: -3, fromTheFuture: true })
    )
    const notices: string[] = []
    const store = await open(dir, notices)
    expect(store.get().strategy).toBe('workers')
    expect(store.get().concurrency).toBe(6)
    expect(notices).toHaveLength(1)
  })
})
