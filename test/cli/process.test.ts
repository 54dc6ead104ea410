import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { pixelsOf, simulatedPhotos } from '../helpers/photos.ts'
import { runCli, startCli } from '../helpers/run-cli.ts'
import { filesIn, tempDir } from '../helpers/temp-dir.ts'

// Each test starts the CLI and blurs photos of thousands of pixels: long on a busy machine.
vi.setConfig({ testTimeout: 180_000 })

interface TaskJson {
  file: string
  out: string | null
  status: string
  startMs: number | null
  endMs: number | null
  lane: number | null
  error?: { code: string; message: string }
}

let root: { path: string; cleanup: () => Promise<void> }
/** Three landscape photos of 1800 × 1200, one portrait, a corrupt "photo" and a text file. */
let photos: string
/** Two small photos (640 × 427). */
let small: string
const LANDSCAPE = ['photo-1.jpg', 'photo-2.jpg', 'photo-3.jpg']

beforeAll(async () => {
  root = await tempDir()
  photos = join(root.path, 'photos')
  small = join(root.path, 'small')
  await mkdir(photos)
  await mkdir(small)
  const large = await simulatedPhotos(3, {
    sizeKB: 400,
    photoPixels: { width: 1800, height: 1200 }
  })
  for (const [index, name] of LANDSCAPE.entries()) {
    await writeFile(join(photos, name), large[index]!)
  }
  await writeFile(join(photos, 'portrait.jpg'), await sharp(large[0]).rotate(90).toBuffer())
  await writeFile(join(photos, 'corrupt.jpg'), 'this is not a JPEG\n')
  await writeFile(join(photos, 'notes.txt'), 'not an image, not listed\n')
  const tiny = await simulatedPhotos(2, { sizeKB: 32 })
  for (const [index, bytes] of tiny.entries()) {
    await writeFile(join(small, `small-${index}.jpg`), bytes)
  }
})
afterAll(async () => {
  await root.cleanup()
})

/** `process --json` over the photos into `out`, with more arguments: its exit code and result. */
async function processJson(out: string, ...args: string[]) {
  const ran = await runCli(['process', '--json', '--in', photos, '--out', out, ...args])
  return {
    code: ran.code,
    result: JSON.parse(ran.stdout) as Record<string, unknown> & { tasks: TaskJson[] }
  }
}

describe('cli process', () => {
  it('--json: every image with its output and lane, each within 1200 px; a corrupt one fails alone with exit 1', async () => {
    const out = join(root.path, 'out-json')
    const { code, result } = await processJson(out, '--strategy', 'pool', '--concurrency', '2')
    expect(code).toBe(1)
    expect(result).toMatchObject({
      strategy: 'pool',
      kernel: 'sharp',
      concurrency: 2,
      ok: 4,
      failed: 1,
      cancelled: 0,
      blur: 15,
      maxSize: 1200
    })
    expect(typeof result.elapsedMs).toBe('number')
    const byName = new Map(result.tasks.map((task) => [task.file, task]))
    // The text file is not an image's name: not listed. The corrupt one fails with its reason.
    expect([...byName.keys()].sort()).toEqual(
      ['corrupt.jpg', ...LANDSCAPE, 'portrait.jpg'].map((name) => join(photos, name)).sort()
    )
    expect(byName.get(join(photos, 'corrupt.jpg'))).toMatchObject({
      status: 'failed',
      out: null,
      error: { code: expect.stringMatching(/^(not_image|corrupt_image)$/) }
    })
    for (const name of [...LANDSCAPE, 'portrait.jpg']) {
      const task = byName.get(join(photos, name))!
      expect(task).toMatchObject({ status: 'done', out: join(out, name) })
      expect(task.lane === 0 || task.lane === 1).toBe(true)
      expect(task.endMs).toBeGreaterThanOrEqual(task.startMs!)
    }
    // Pillow's thumbnail((1200, 1200)): the longer side at 1200, the shape kept.
    for (const name of LANDSCAPE) expect(await pixelsOf(join(out, name))).toEqual([1200, 800])
    expect(await pixelsOf(join(out, 'portrait.jpg'))).toEqual([800, 1200])
    expect(await filesIn(out)).toEqual([...LANDSCAPE, 'portrait.jpg'].sort())
  })

  it('the js kernel on two worker threads: both lanes compute, every output within --max-size', async () => {
    const out = join(root.path, 'out-js')
    const { code, result } = await processJson(
      out,
      ...['--kernel', 'js', '--strategy', 'workers', '--concurrency', '2'],
      ...['--blur', '4', '--max-size', '600']
    )
    expect(code).toBe(1)
    expect(result).toMatchObject({ kernel: 'js', strategy: 'workers', ok: 4, maxSize: 600 })
    const done = result.tasks.filter((task) => task.status === 'done')
    expect(new Set(done.map((task) => task.lane))).toEqual(new Set([0, 1]))
    for (const task of done) {
      const [width, height] = await pixelsOf(task.out!)
      expect(Math.max(width, height)).toBe(600)
    }
  })

  it('reads ./images by default and prints the tutorial’s lines; a failure and --verbose on stderr', async () => {
    const cwd = join(root.path, 'cwd')
    await mkdir(join(cwd, 'images'), { recursive: true })
    await writeFile(
      join(cwd, 'images', 'small-0.jpg'),
      await sharp(join(small, 'small-0.jpg')).toBuffer()
    )
    await writeFile(join(cwd, 'images', 'broken.png'), 'no PNG here')
    const ran = await runCli(
      ['process', '--strategy', 'sequential', '--max-size', '300', '--verbose'],
      {},
      cwd
    )
    expect(ran.code).toBe(1)
    expect(ran.stdout.split('\n').filter(Boolean)).toEqual([
      'small-0.jpg was processed...',
      expect.stringMatching(/^Finished in \d+(\.\d+)? second\(s\)$/)
    ])
    expect(ran.stderr).toMatch(/^broken\.png failed: \w+: /m)
    expect(ran.stderr).toMatch(/^1 processed, 1 failed, 0 cancelled$/m)
    // --verbose: the kernel and sizes, and each image's lane, times and size, on stderr.
    expect(ran.stderr).toMatch(
      /^run: 2 task\(s\), sequential, concurrency 1, kernel sharp, blur 15, max 300 px$/m
    )
    expect(ran.stderr).toMatch(/^small-0\.jpg: lane 0, \d+–\d+ ms \(\d+ ms\), [\d.]+ KB, 300×200$/m)
    expect(await filesIn(join(cwd, 'images', 'processed'))).toEqual(['small-0.jpg'])
    expect(await pixelsOf(join(cwd, 'images', 'processed', 'small-0.jpg'))).toEqual([300, 200])
  })

  it('bad usage exits 2 with the process help on stderr, and writes nothing', async () => {
    const empty = join(root.path, 'empty')
    await mkdir(empty)
    const cases = [
      ['--in', small, '--kernel', 'gpu'],
      ['--in', small, '--strategy', 'threads'],
      ['--in', small, '--blur', 'lots'],
      ['--in', small, '--max-size', '0'],
      ['--in', small, '--concurrency', '0'],
      ['--in', small, '--out', small],
      ['--in', join(root.path, 'missing')],
      ['--in', empty],
      ['--in', small, 'extra-folder'],
      ['--in', small, '--nope']
    ]
    const runs = await Promise.all(cases.map((args) => runCli(['process', ...args])))
    for (const [index, ran] of runs.entries()) {
      const args = cases[index]!.join(' ')
      expect(ran.code, args).toBe(2)
      expect(ran.stdout, args).toBe('')
      expect(ran.stderr, args).toMatch(/^error: .*\n\nUsage: concurrent-image-downloader process /)
    }
    expect(await readdir(empty)).toEqual([])
    expect(await readdir(small)).toEqual(['small-0.jpg', 'small-1.jpg'])
  })
})

describe('cli process, stopped', () => {
  it('Ctrl-C cancels the run and exits 130: finished images stay, nothing half-written', async () => {
    const out = join(root.path, 'interrupted')
    const run = startCli([
      'process',
      '--in',
      photos,
      '--out',
      out,
      '--kernel',
      'js',
      '--strategy',
      'sequential'
    ])
    // One image processed, the next one blurring in TypeScript: the moment to press Ctrl-C.
    await expect.poll(() => run.output.stdout, { timeout: 120_000 }).toMatch(/was processed/)
    run.child.kill('SIGINT')
    const ran = await run.done
    expect(ran.code).toBe(130)
    const tally = /^(\d+) processed, (\d+) failed, (\d+) cancelled$/m.exec(ran.stderr)
    expect(tally, ran.stderr).not.toBeNull()
    const [processed, cancelled] = [Number(tally![1]), Number(tally![3])]
    expect(cancelled).toBeGreaterThan(0)
    // Every file in the folder is a whole image the run finished, and only those.
    const written = (await filesIn(out)).filter((name) => !name.startsWith('.'))
    expect(written).toHaveLength(processed)
    for (const name of written) await expect(pixelsOf(join(out, name))).resolves.toBeDefined()
  })
})
