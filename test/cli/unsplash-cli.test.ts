import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { startFakeUnsplash } from '../helpers/fake-unsplash.ts'
import type { FakeUnsplash } from '../helpers/fake-unsplash.ts'
import { runCli } from '../helpers/run-cli.ts'
import { filesIn, tempFolder } from '../helpers/temp-dir.ts'

const KEY = 'cli-key-1b2c3d'
let cdn: SimulatedCdn
let api: FakeUnsplash
const env = () => ({ UNSPLASH_ACCESS_KEY: KEY, UNSPLASH_API_URL: api.url })

beforeAll(async () => {
  cdn = await startSimulatedCdn({ count: 40, sizeKB: 24, latencyMs: 0, bandwidthKBps: 0 })
  api = await startFakeUnsplash({
    accessKey: KEY,
    imageUrls: cdn.urls,
    rateLimit: 1000,
    collections: { '42': [1, 3] }
  })
})
afterAll(async () => {
  await api.close()
  await cdn.close()
})

describe('search and download --unsplash (the user’s own key, a fake API on loopback)', () => {
  it('search prints one download URL a line, with its ixid', async () => {
    const ran = await runCli(['search', 'mountains', '--count', '3'], env())
    expect(ran.code).toBe(0)
    const lines = ran.stdout.trim().split('\n')
    expect(lines).toHaveLength(3)
    for (const line of lines) expect(new URL(line).searchParams.get('ixid')).toMatch(/^M3w/)
    expect(ran.stderr).toMatch(/3 of 40 photos; \d+ requests left this hour/)
  })

  it('search --json gives each photo’s id, URL, photographer and download location', async () => {
    const ran = await runCli(['search', '--collection', '42', '--json'], env())
    expect(ran.code).toBe(0)
    const { photos } = JSON.parse(ran.stdout)
    expect(photos.map((p: { id: string }) => p.id)).toEqual(['fake0001', 'fake0003'])
    expect(photos[0].photographer.name).toBe('Photographer 1')
    expect(photos[0].downloadLocation).toBe(`${api.url}/photos/fake0001/download?ixid=M3wfake0001`)
  })

  it('caps --count at 30, and asks for a key when there is none', async () => {
    const tooMany = await runCli(['search', 'x', '--count', '31'], env())
    expect(tooMany.code).toBe(2)
    expect(tooMany.stderr).toMatch(/--count must be a whole number from 1 to 30/)
    const noKey = await runCli(['search', 'x'], { UNSPLASH_ACCESS_KEY: '' })
    expect(noKey.code).toBe(2)
    expect(noKey.stderr).toMatch(/UNSPLASH_ACCESS_KEY/)
  })

  it('a wrong key exits 1 saying so, and the key is not printed', async () => {
    const ran = await runCli(['search', 'x'], { ...env(), UNSPLASH_ACCESS_KEY: 'not-the-key' })
    expect(ran.code).toBe(1)
    expect(ran.stderr).toMatch(/refused the access key \(401\)/)
    expect(ran.stderr + ran.stdout).not.toContain('not-the-key')
  })

  it('download --unsplash saves, tracks each photo once and writes the credits', async () => {
    const dir = await tempFolder()
    const before = new Map(api.tracked)
    const ran = await runCli(
      ['download', '--unsplash', 'sea', '--count', '4', '--out', dir, '--json'],
      env()
    )
    expect(ran.code).toBe(0)
    const result = JSON.parse(ran.stdout)
    expect([result.ok, result.tracked]).toEqual([4, 4])
    for (const id of ['fake0000', 'fake0001', 'fake0002', 'fake0003']) {
      expect((api.tracked.get(id) ?? 0) - (before.get(id) ?? 0)).toBe(1)
    }
    const files = await filesIn(dir)
    expect(files).toEqual(expect.arrayContaining(['CREDITS.md', 'credits.json']))
    expect(files.filter((f) => f.endsWith('.jpg'))).toHaveLength(4)
    expect(await readFile(join(dir, 'CREDITS.md'), 'utf8')).toContain('Photo by [Photographer 2]')
    expect(ran.stdout + ran.stderr).not.toContain(KEY)
  })
})
