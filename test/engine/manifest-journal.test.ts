/**
 * A run's journal of what it saved (src/engine/files/manifest-journal.ts): kept on disk in a
 * file with no name in the folder, read back whole and in order, and kept in memory when the
 * folder will not take it. Real files.
 */
import { readdir, readlink, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SavedFile } from '../../src/common/tasks.ts'
import { openFolder } from '../../src/engine/files/folder.ts'
import { ManifestJournal } from '../../src/engine/files/manifest-journal.ts'
import { tempFolder } from '../helpers/temp-dir.ts'

function entry(i: number, url = `https://images.example/photo-${i}.jpg?w=1200`): SavedFile {
  return {
    url,
    file: `photo-${i}-été-夏.jpg`,
    size: 1000 + i,
    type: 'image/jpeg',
    etag: `"${i.toString(16)}"`,
    mtimeMs: 1_700_000_000_000.25 + i,
    savedAt: 1_700_000_000_000 + i
  }
}

async function all(journal: ManifestJournal): Promise<SavedFile[]> {
  const read: SavedFile[] = []
  for await (const saved of journal.entries()) read.push(saved)
  return read
}

/** The files this process has open that were unlinked from `dir` (Linux names them so). */
async function deletedOpenIn(dir: string): Promise<string[]> {
  const links = await Promise.all(
    (await readdir('/proc/self/fd')).map((fd) =>
      readlink(join('/proc/self/fd', fd)).catch(() => '')
    )
  )
  return links.filter((target) => target.startsWith(dir) && target.endsWith(' (deleted)'))
}

describe('the manifest journal', () => {
  for (const anchor of [true, false]) {
    it(`3,000 entries across many chunks read back whole and in order, and the folder shows no file of it (${anchor ? 'folder by descriptor' : 'folder by path'})`, async () => {
      const dir = await tempFolder()
      const folder = await openFolder(dir, undefined, { anchor })
      const journal = new ManifestJournal(folder)
      const written: SavedFile[] = []
      for (let i = 0; i < 3000; i++) {
        // One entry larger than a whole chunk, written by itself between the others.
        const saved = i === 1500 ? entry(i, `${entry(i).url}&q=${'x'.repeat(100_000)}`) : entry(i)
        written.push(saved)
        journal.append(saved)
      }
      expect(journal.count).toBe(3000)
      expect(await all(journal)).toEqual(written)
      // Appended after a read: the next read has them too, after the others.
      journal.append(entry(3000))
      expect((await all(journal)).slice(-2)).toEqual([written[2999], entry(3000)])
      // On disk, but with no name in the folder: a run that ends mid-way leaves nothing there.
      expect(await readdir(dir)).toEqual([])
      if (process.platform === 'linux') expect(await deletedOpenIn(dir)).toHaveLength(1)
      await journal.close()
      if (process.platform === 'linux') expect(await deletedOpenIn(dir)).toEqual([])
      await folder.close()
    })
  }

  it('a folder that will not take the file (removed mid-run): every entry is kept in memory instead', async () => {
    const dir = await tempFolder()
    const folder = await openFolder(dir, undefined, { anchor: false })
    await rm(dir, { recursive: true })
    const journal = new ManifestJournal(folder)
    const written = Array.from({ length: 1000 }, (_, i) => entry(i))
    for (const saved of written) journal.append(saved)
    expect(await all(journal)).toEqual(written)
    await journal.close()
  })
})
