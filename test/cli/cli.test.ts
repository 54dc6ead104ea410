import { readFile, writeFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { maxConcurrent, overlapsOnDifferentLanes } from '../helpers/intervals.ts'
import type { Interval } from '../helpers/intervals.ts'
import { runCli } from '../helpers/run-cli.ts'
import { filesIn, tempDir } from '../helpers/temp-dir.ts'

// Each test starts the CLI, its Node and its threads: a busy machine makes that several times as long.
vi.setConfig({ testTimeout: 120_000 })

const cli = (args: string[]) => runCli(args)

let cdn: SimulatedCdn
let out: { path: string; cleanup: () => Promise<void> }
beforeAll(async () => {
  cdn = await startSimulatedCdn({ count: 4, sizeKB: 64, latencyMs: 5, bandwidthKBps: 0 })
  out = await tempDir()
})
afterAll(async () => {
  await cdn.close()
  await out.cleanup()
})

describe('cli download', () => {
  it('prints the tutorial lines and saves every image', async () => {
    const dir = join(out.path, 'plain')
    const { code, stdout } = await cli([
      'download',
      '--strategy',
      'workers',
      '--concurrency',
      '4',
      '--out',
      dir,
      ...cdn.urls
    ])
    expect(code).toBe(0)
    expect(stdout.match(/was downloaded\.\.\./g)).toHaveLength(4)
    expect(stdout).toMatch(/^Finished in \d+(\.\d+)? second\(s\)$/m)
    expect(await filesIn(dir)).toHaveLength(4)
  })

  it('--json gives one object with every task, and exit 1 when one failed', async () => {
    const dir = join(out.path, 'json')
    const urlsFile = join(out.path, 'urls.txt')
    const bad = cdn.faultUrl({ kind: 'status', code: 404 })
    await writeFile(urlsFile, `# my list\n\n${cdn.urls[0]}\n  ${bad}  \n${cdn.urls[1]}\n`)
    const { code, stdout } = await cli([
      'download',
      '--json',
      '--strategy',
      'sequential',
      '--out',
      dir,
      '--urls-file',
      urlsFile
    ])
    expect(code).toBe(1)
    const result = JSON.parse(stdout)
    expect(result).toMatchObject({
      strategy: 'sequential',
      concurrency: 1,
      ok: 2,
      failed: 1,
      cancelled: 0
    })
    expect(result.tasks).toHaveLength(3)
    expect(result.tasks[1]).toMatchObject({
      url: bad,
      status: 'failed',
      file: null,
      error: { code: 'http_404' }
    })
    const saved = await readFile(result.tasks[0].file)
    expect(saved.equals(cdn.photoBytes(0))).toBe(true)
    for (const task of result.tasks) expect(typeof task.startMs).toBe('number')
  })

  it('exits 2 with a message on bad usage', async () => {
    for (const args of [
      ['download', '--strategy', 'threads'],
      ['download', '--concurrency', '0'],
      ['frobnicate'],
      ['download', '--nope']
    ]) {
      const { code, stderr } = await cli(args)
      expect(code).toBe(2)
      expect(stderr).toMatch(/^error: /)
    }
  })

  it('--source simulated runs on its own offline CDN', async () => {
    const dir = join(out.path, 'simulated')
    const { code, stdout } = await cli([
      'download',
      '--json',
      '--source',
      'simulated',
      '--count',
      '3',
      '--size-kb',
      '32',
      '--latency-ms',
      '5',
      '--out',
      dir
    ])
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ ok: 3, bytes: 3 * 32 * 1024 })
  })

  it('--photo-pixels serves simulated photos of that size in pixels, at the size asked', async () => {
    const dir = join(out.path, 'pixels')
    const args = ['download', '--json', '--source', 'simulated', '--count', '2', '--out', dir]
    const { code, stdout } = await cli([...args, '--size-kb', '600', '--photo-pixels', '2400x1600'])
    expect(code).toBe(0)
    const result = JSON.parse(stdout) as { tasks: { file: string; bytes: number }[] }
    for (const task of result.tasks) {
      expect(task.bytes).toBe(600 * 1024)
      expect(await sharp(task.file).metadata()).toMatchObject({ width: 2400, height: 1600 })
    }
    // Too small to hold such a photo, a malformed size, or real URLs: bad usage, nothing saved.
    for (const bad of [
      [...args, '--size-kb', '4', '--photo-pixels', '2400x1600'],
      [...args, '--photo-pixels', '2400'],
      [
        'download',
        '--out',
        join(out.path, 'pixels-url'),
        '--photo-pixels',
        '2400x1600',
        cdn.urls[0]!
      ]
    ]) {
      const ran = await cli(bad)
      expect(ran.code, bad.join(' ')).toBe(2)
      expect(ran.stderr).toMatch(/^error: .*(KiB or more|WIDTHxHEIGHT|for --source simulated)/)
    }
    expect(await filesIn(dir)).toHaveLength(2)
  })
})

describe('cli sleep', () => {
  it('as_completed order by default, input order with --order submitted', async () => {
    const completed = await cli(['sleep', '--json', '--strategy', 'pool', '0.3', '0.2', '0.1'])
    expect(JSON.parse(completed.stdout).results).toEqual([
      'Done Sleeping...0.1',
      'Done Sleeping...0.2',
      'Done Sleeping...0.3'
    ])
    const mapped = await cli([
      'sleep',
      '--json',
      '--strategy',
      'workers',
      '--order',
      'submitted',
      '0.3',
      '0.2',
      '0.1'
    ])
    const result = JSON.parse(mapped.stdout)
    expect(result).toMatchObject({ strategy: 'workers', mode: 'timer', order: 'submitted' })
    expect(result.results).toEqual([
      'Done Sleeping...0.3',
      'Done Sleeping...0.2',
      'Done Sleeping...0.1'
    ])
  })

  it('prints the tutorial lines', async () => {
    const { code, stdout } = await cli(['sleep', '--strategy', 'sequential', '0.1', '0.1'])
    expect(code).toBe(0)
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      'Sleeping 0.1 second(s)...',
      'Done Sleeping...0.1',
      'Sleeping 0.1 second(s)...',
      'Done Sleeping...0.1',
      expect.stringMatching(/^Finished in \d+(\.\d+)? second\(s\)$/)
    ])
    // One after another: at least the two sleeps, however busy the machine.
    expect(Number(/Finished in ([\d.]+)/.exec(stdout)?.[1])).toBeGreaterThanOrEqual(0.2)
  })
})

describe('cli compare', () => {
  it('names a rejected line of the list and exits 1, having saved the rest', async () => {
    const urlsFile = join(out.path, 'compare-urls.txt')
    await writeFile(urlsFile, `${cdn.urls[0]}\nnot a url\n${cdn.urls[1]}\n`)
    const dir = join(out.path, 'cmp-rejected')
    const { code, stderr } = await cli(['compare', '--urls-file', urlsFile, '--out', dir])
    expect(stderr).toMatch(/skipped line 2/)
    expect(code).toBe(1)
    for (const strategy of ['sequential', 'workers', 'pool']) {
      expect(await filesIn(join(dir, strategy))).toHaveLength(2)
    }
  })

  it('runs each strategy and prints a table with speedups and the ideal', async () => {
    const { code, stdout } = await cli([
      'compare',
      '--source',
      'simulated',
      '--count',
      '4',
      '--size-kb',
      '32',
      '--latency-ms',
      '50',
      '--concurrency',
      '4',
      '--out',
      join(out.path, 'cmp')
    ])
    expect(code).toBe(0)
    const lines = stdout.trim().split('\n')
    expect(lines[0]).toMatch(
      /strategy\s+concurrency\s+saved\s+seconds\s+images\/s\s+throughput\s+speedup\s+ideal s\s+vs ideal/
    )
    expect(lines.slice(2, 5).map((line) => line.split(/\s+/)[0])).toEqual([
      'sequential',
      'workers',
      'pool'
    ])
    // The threads' start-up is said apart, not hidden: the threads 4 downloads share, one a core at most.
    const threads = Math.min(4, availableParallelism())
    const started = threads === 1 ? '1 worker thread' : `${threads} worker threads`
    expect(lines[5]).toMatch(
      new RegExp(`^Starting ${started} took [\\d.]+ s before the workers run`)
    )
    const speedup = (line: string | undefined): number => Number(/([\d.]+)×/.exec(line ?? '')?.[1])
    expect(speedup(lines[2])).toBe(1)
    for (const line of lines.slice(3, 5)) expect(speedup(line)).toBeGreaterThan(0)
  })

  it('--json: sequential fetches one image at a time on one lane; workers and pool overlap them', async () => {
    const { code, stdout } = await cli([
      'compare',
      '--json',
      '--source',
      'simulated',
      '--count',
      '4',
      '--size-kb',
      '32',
      // Long enough that a thread a busy machine wakes late still overlaps the others.
      '--latency-ms',
      '200',
      '--concurrency',
      '4',
      '--out',
      join(out.path, 'cmp-json')
    ])
    expect(code).toBe(0)
    const result = JSON.parse(stdout) as {
      runs: { strategy: string; ok: number; tasks: Interval[] }[]
    }
    const run = (strategy: string) => result.runs.find((r) => r.strategy === strategy)!
    for (const r of result.runs) expect(r.ok, r.strategy).toBe(4)
    expect(maxConcurrent(run('sequential').tasks)).toBe(1)
    expect(new Set(run('sequential').tasks.map((t) => t.lane))).toEqual(new Set([0]))
    for (const strategy of ['workers', 'pool']) {
      expect(overlapsOnDifferentLanes(run(strategy).tasks).length, strategy).toBeGreaterThan(0)
    }
    // The pool starts all four at once on one thread: they wait for the latency together.
    expect(maxConcurrent(run('pool').tasks)).toBe(4)
  })
})
