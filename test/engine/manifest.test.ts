/**
 * The folder's manifest (src/engine/files/manifest.ts) as runs share a folder: what each run
 * saved is kept whichever writes last, and a long run's manifest is whole. Real files.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SavedFile } from '../../src/common/tasks.ts'
import { folderIdentity } from '../../src/engine/files/folder.ts'
import { Manifest, MANIFEST_NAME } from '../../src/engine/files/manifest.ts'
import { tempFolder } from '../helpers/temp-dir.ts'

/** An image file in `dir`, and the entry a run would record for it. */
async function saved(dir: string, file: string, savedAt = 1): Promise<SavedFile> {
  await writeFile(join(dir, file), file)
  const url = `https://images.example/${file}?w=1200`
  return { url, file, size: file.length, type: 'image/jpeg', mtimeMs: savedAt, savedAt }
}

async function namesOnDisk(dir: string): Promise<string[]> {
  const data = JSON.parse(await readFile(join(dir, MANIFEST_NAME), 'utf8')) as {
    files: SavedFile[]
  }
  return data.files.map((entry) => entry.file).sort()
}

describe('the manifest', () => {
  it('two runs into one folder keep both: the later write takes in what the earlier wrote', async () => {
    const dir = await tempFolder()
    await Manifest.open(await folderIdentity(dir)).then(async (first) => {
      first.record(await saved(dir, 'before.jpg'))
      await first.close()
    })
    // Both open before either writes: each read the same manifest.
    const a = await Manifest.open(await folderIdentity(dir))
    const b = await Manifest.open(await folderIdentity(dir))
    b.record(await saved(dir, 'b.jpg'))
    await b.close()
    a.record(await saved(dir, 'a.jpg'))
    await a.close()
    expect([a.lastError, b.lastError]).toEqual([undefined, undefined])
    expect(await namesOnDisk(dir)).toEqual(['a.jpg', 'b.jpg', 'before.jpg'])
    // The next run knows each of them by its URL.
    const next = await Manifest.open(await folderIdentity(dir))
    expect(next.latestFor('https://images.example/b.jpg?w=1200')?.file).toBe('b.jpg')
    expect(next.latestFor('https://images.example/a.jpg?w=1200')?.file).toBe('a.jpg')
    await next.close()
  })

  it("a file saved again takes its earlier entry's place: one entry, this run's", async () => {
    const dir = await tempFolder()
    const first = await Manifest.open(await folderIdentity(dir))
    first.record(await saved(dir, 'a.jpg', 1))
    first.record(await saved(dir, 'b.jpg', 1))
    await first.close()
    const again = await Manifest.open(await folderIdentity(dir))
    const newer = { ...(await saved(dir, 'a.jpg', 2)), etag: '"2"' }
    again.record(newer)
    // What the folder had before this run, whatever this run saved since.
    expect(again.latestFor(newer.url)?.savedAt).toBe(1)
    await again.close()
    const data = JSON.parse(await readFile(join(dir, MANIFEST_NAME), 'utf8')) as {
      files: SavedFile[]
    }
    expect(data.files.map((entry) => [entry.file, entry.savedAt])).toEqual([
      ['b.jpg', 1],
      ['a.jpg', 2]
    ])
  })

  it('a long run: 1,000 entries written a buffer at a time read back whole, as valid JSON', async () => {
    const dir = await tempFolder()
    const manifest = await Manifest.open(await folderIdentity(dir))
    const entries: SavedFile[] = []
    for (let i = 0; i < 1000; i++) {
      // Names of several bytes a character, and one URL larger than a whole write.
      const entry = await saved(
        dir,
        `photo-${String(i).padStart(4, '0')}-été-${'夏'.repeat(60)}.jpg`,
        1000 + i
      )
      const url = i === 500 ? `${entry.url}&q=${'x'.repeat(100_000)}` : entry.url
      entries.push({ ...entry, url, etag: `"${i.toString(16)}"` })
      manifest.record(entries[i] as SavedFile)
    }
    await manifest.close()
    expect(manifest.lastError).toBeUndefined()
    const data = JSON.parse(await readFile(join(dir, MANIFEST_NAME), 'utf8')) as {
      app: string
      files: SavedFile[]
    }
    expect(data.app).toBe('concurrent-image-downloader')
    expect(data.files).toEqual(entries)
  })
})
