/**
 * Names that try to leave the folder or break a file system, end to end: a
 * loopback server answers every path with a real JPEG, and each download must
 * land under a safe name directly inside the output folder, and nowhere else.
 */
import { existsSync } from 'node:fs'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDownloads } from '../../src/engine/run.ts'
import { filesIn } from '../helpers/temp-dir.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import {
  leftovers,
  listTree,
  lostFiles,
  removeDir,
  serveJpeg,
  startLoopbackServer,
  tally,
  tempRoot,
  unsafeFileName
} from './helpers.ts'
import type { LoopbackServer } from './helpers.ts'

const counts = tally('hostile-names')
// A name of our own in every escape attempt, so that finding it anywhere else is certain.
const MARK = `escape-${process.pid}`

/** Paths as a hostile or careless server could link them; some the URL parser normalizes. */
const HOSTILE_PATHS = [
  '/..',
  '/.',
  '/',
  '/a/b/c/',
  `/../../${MARK}.jpg`,
  `/a/../../../${MARK}.jpg`,
  '/%2e%2e',
  '/%2e',
  `/%2e%2e/%2e%2e/${MARK}.jpg`,
  `/%2e%2e%2f%2e%2e%2f${MARK}.jpg`,
  `/..%2f..%2f..%2f${MARK}.jpg`,
  `/%252e%252e%252f${MARK}.jpg`,
  '/a%2fb.jpg',
  '/%2fetc%2fpasswd',
  '/etc/passwd',
  `/C:%5cWindows%5c${MARK}.jpg`,
  `/..%5c..%5c${MARK}.jpg`,
  `/a\\..\\..\\${MARK}.jpg`,
  `/%5c%5cserver%5cshare%5c${MARK}.jpg`,
  '/evil%00name.jpg',
  '/%00',
  '/CON',
  '/con.jpg',
  '/aux.txt',
  '/NUL',
  '/COM1.png',
  '/LPT9',
  '/lpt%C2%B9',
  '/conin$',
  '/CON%20.jpg',
  `/${'a'.repeat(300)}.jpg`,
  `/${'%F0%9F%98%80'.repeat(100)}`,
  `/${'%C3%A9'.repeat(200)}.png`,
  '/trailing...',
  '/trailing%20%20',
  '/name.%20.%20',
  '/.hidden',
  '/.jpg',
  '/..jpg',
  '/%E2%80%AEgpj.exe',
  '/%C0%AE%C0%AE',
  '/%ED%A0%80.jpg',
  '/a%3Fb%2Ac%3Ad%7Ce%22f%3Cg%3E.jpg',
  '/%0d%0aSet-Cookie:%20x.jpg',
  '/tab%09name.jpg',
  '/~root',
  `/?file=../../${MARK}.jpg`,
  `/x.jpg#../../${MARK}`,
  '/e%CC%81.jpg',
  '/%C3%A9.jpg',
  '/%E6%97%A5%E6%9C%AC%E8%AA%9E%E3%81%AE%E5%86%99%E7%9C%9F.jpg',
  '/photo.JPG',
  '/photo.jpg'
]

let cdn: SimulatedCdn
let server: LoopbackServer
let root: string
let jpeg: Buffer

beforeAll(async () => {
  cdn = await startSimulatedCdn({ count: 1, sizeKB: 24, latencyMs: 0, bandwidthKBps: 0 })
  jpeg = cdn.photoBytes(0)
  server = await startLoopbackServer(serveJpeg(jpeg))
  root = await tempRoot()
})
afterAll(async () => {
  await server.close()
  await cdn.close()
  await removeDir(root)
})

describe.each(['pool', 'workers'] as const)('%s: hostile names end to end', (strategy) => {
  it('saves every image under a safe name directly inside the folder, and writes nothing elsewhere', async () => {
    const base = join(root, strategy)
    const out = join(base, 'a', 'b', 'out')
    await mkdir(join(base, 'sibling'), { recursive: true })
    await writeFile(join(base, 'sibling', 'keep.txt'), 'untouched')
    const before = await listTree(base)
    const outsideBefore = await readdir(tmpdir())

    const urls = HOSTILE_PATHS.map((path) => `${server.origin}${path}`)
    counts.badInputs += urls.length
    const summary = await runDownloads({ strategy, concurrency: 4, dir: out, urls })
    counts.runs++
    expect(summary.ok).toBe(urls.length)

    for (const task of summary.tasks) {
      const file = task.file ?? ''
      expect(dirname(file), task.label).toBe(out)
      expect(unsafeFileName(basename(file), out), `${task.label} -> ${basename(file)}`).toBe(
        undefined
      )
    }
    expect(await lostFiles(summary.tasks, () => jpeg, counts)).toEqual([])
    const saved = await filesIn(out)
    expect(saved).toHaveLength(urls.length)
    expect(await leftovers(out)).toEqual([])

    // Nothing new beside the output folder or above it: the tree is the same but for `out`.
    const after = (await listTree(base)).filter((path) => !path.startsWith('a/b/out/'))
    expect(after).toEqual([...before, 'a/', 'a/b/'].sort())
    const outsideNew = (await readdir(tmpdir())).filter((name) => !outsideBefore.includes(name))
    expect(outsideNew.filter((name) => name.includes(MARK))).toEqual([])
    for (const place of [root, dirname(root), '/', '/etc', join(out, '..')]) {
      expect(existsSync(join(place, `${MARK}.jpg`)), place).toBe(false)
    }
  })
})
