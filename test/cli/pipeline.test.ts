import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { runCli } from '../helpers/run-cli.ts'
import { filesIn, tempDir } from '../helpers/temp-dir.ts'

// Each test starts the CLI, downloads and blurs photos of thousands of pixels.
vi.setConfig({ testTimeout: 180_000 })

let cdn: SimulatedCdn
let out: { path: string; cleanup: () => Promise<void> }
beforeAll(async () => {
  cdn = await startSimulatedCdn({
    count: 3,
    sizeKB: 400,
    latencyMs: 5,
    bandwidthKBps: 0,
    photoPixels: { width: 1800, height: 1200 }
  })
  out = await tempDir()
})
afterAll(async () => {
  await cdn.close()
  await out.cleanup()
})

describe('cli download --process (the pipeline)', () => {
  it('--json: the downloads as download has them, and each saved image processed; a failed download is not processed', async () => {
    const dir = join(out.path, 'json')
    const bad = cdn.faultUrl({ kind: 'status', code: 404 })
    const ran = await runCli([
      'download',
      '--process',
      '--json',
      '--concurrency',
      '2',
      '--out',
      dir,
      cdn.urls[0]!,
      bad,
      cdn.urls[1]!
    ])
    expect(ran.code).toBe(1)
    const result = JSON.parse(ran.stdout)
    expect(result).toMatchObject({
      kind: 'pipeline',
      strategy: 'pool',
      ok: 2,
      failed: 1,
      cancelled: 0,
      bytes: 2 * 400 * 1024,
      process: { kernel: 'sharp', ok: 2, failed: 1, outDir: join(dir, 'processed') }
    })
    expect(result.tasks.map((task: { url: string }) => task.url)).toEqual([
      cdn.urls[0],
      bad,
      cdn.urls[1]
    ])
    const [first, failed, third] = result.process.tasks
    expect(failed).toMatchObject({ file: null, out: null, status: 'failed' })
    expect(failed.error.code).toBe('download_failed')
    for (const [index, task] of [first, third].entries()) {
      const saved = result.tasks[index * 2]
      expect(task).toMatchObject({ file: saved.file, status: 'done' })
      // Processed after it was saved: the consumer starts on what the producer finished.
      expect(task.startMs).toBeGreaterThanOrEqual(saved.endMs)
      expect(await sharp(task.out).metadata()).toMatchObject({ width: 1200, height: 800 })
    }
  })

  it('prints each image’s downloaded line, then its processed line', async () => {
    const dir = join(out.path, 'lines')
    const ran = await runCli([
      'download',
      '--process',
      '--kernel',
      'js',
      '--process-strategy',
      'workers',
      '--process-concurrency',
      '2',
      '--blur',
      '3',
      '--max-size',
      '400',
      '--out',
      dir,
      ...cdn.urls
    ])
    expect(ran.code).toBe(0)
    const lines = ran.stdout.split('\n').filter(Boolean)
    expect(lines.at(-1)).toMatch(/^Finished in \d+(\.\d+)? second\(s\)$/)
    const names = await filesIn(dir)
    expect(names).toEqual([
      expect.stringMatching(/\.jpg$/),
      expect.any(String),
      expect.any(String),
      'processed'
    ])
    for (const name of names.slice(0, 3)) {
      const downloaded = lines.indexOf(`${name} was downloaded...`)
      expect(downloaded, name).toBeGreaterThanOrEqual(0)
      expect(lines.indexOf(`${name} was processed...`), name).toBeGreaterThan(downloaded)
      const { width, height } = await sharp(join(dir, 'processed', name)).metadata()
      expect([width, height]).toEqual([400, 267])
    }
  })

  it('processing options without --process, or --process with --pipeline, are bad usage', async () => {
    const cases = [
      ['download', '--kernel', 'js', cdn.urls[0]!],
      ['download', '--max-size', '300', cdn.urls[0]!],
      ['download', '--process', '--kernel', 'gpu', cdn.urls[0]!],
      ['compare', '--process-strategy', 'workers', cdn.urls[0]!],
      ['compare', '--process', '--pipeline']
    ]
    const runs = await Promise.all(cases.map((args) => runCli(args)))
    for (const [index, ran] of runs.entries()) {
      const args = cases[index]!.join(' ')
      expect(ran.code, args).toBe(2)
      expect(ran.stdout, args).toBe('')
      expect(ran.stderr, args).toMatch(/^error: /)
    }
  })
})

describe('cli compare --pipeline', () => {
  it('downloads then processes, then runs the pipeline, and prints both with their times', async () => {
    const dir = join(out.path, 'cmp')
    const ran = await runCli([
      'compare',
      '--pipeline',
      '--max-size',
      '300',
      '--concurrency',
      '3',
      '--out',
      dir,
      ...cdn.urls
    ])
    expect(ran.code).toBe(0)
    const lines = ran.stdout.trim().split('\n')
    expect(lines[0]).toMatch(
      /^way\s+saved\s+processed\s+downloads done s\s+total s\s+time vs then$/
    )
    expect(lines[2]).toMatch(/^download, then process\s+3\/3\s+3\/3\s+[\d.]+\s+[\d.]+\s+1\.00×$/)
    expect(lines[3]).toMatch(/^pipeline\s+3\/3\s+3\/3\s+[\d.]+\s+[\d.]+\s+\d+\.\d\d×$/)
    for (const way of ['then-process', 'pipeline']) {
      expect(await filesIn(join(dir, way, 'processed')), way).toHaveLength(3)
    }
  })
})
