import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { runCli } from '../helpers/run-cli.ts'
import { filesIn, tempDir } from '../helpers/temp-dir.ts'

// Each test runs six processing runs in the CLI, worker threads included.
vi.setConfig({ testTimeout: 180_000 })

let root: { path: string; cleanup: () => Promise<void> }
/** Two small photos (640 × 427). */
let small: string

beforeAll(async () => {
  root = await tempDir()
  small = join(root.path, 'small')
  await mkdir(small)
  const cdn = await startSimulatedCdn({ count: 2, sizeKB: 32, latencyMs: 0, bandwidthKBps: 0 })
  try {
    for (const index of [0, 1]) {
      await writeFile(join(small, `small-${index}.jpg`), cdn.photoBytes(index))
    }
  } finally {
    await cdn.close()
  }
})
afterAll(async () => {
  await root.cleanup()
})

describe('cli compare --process', () => {
  it('runs every kernel × strategy over one folder and prints six rows, each against its kernel’s sequential', async () => {
    const out = join(root.path, 'cmp')
    const ran = await runCli([
      'compare',
      '--process',
      '--in',
      small,
      '--out',
      out,
      '--concurrency',
      '2',
      '--max-size',
      '200'
    ])
    expect(ran.code).toBe(0)
    const lines = ran.stdout.trim().split('\n')
    expect(lines[0]).toMatch(
      /^kernel\s+strategy\s+concurrency\s+processed\s+seconds\s+images\/s\s+cpu s\s+cores busy\s+time vs sequential$/
    )
    const rows = lines.slice(2, 8).map((line) => line.split(/\s+/))
    expect(rows.map((row) => `${row[0]} ${row[1]}`)).toEqual([
      'sharp sequential',
      'sharp workers',
      'sharp pool',
      'js sequential',
      'js workers',
      'js pool'
    ])
    for (const row of rows) {
      expect(row[3], row.join(' ')).toBe('2/2')
      expect(row.at(-1), row.join(' ')).toMatch(
        row[1] === 'sequential' ? /^1\.00×$/ : /^\d+\.\d\d×$/
      )
    }
    expect(lines[8]).toMatch(/^Starting 2 worker threads took [\d.]+ s before the workers run/)
    for (const kernel of ['sharp', 'js']) {
      for (const strategy of ['sequential', 'workers', 'pool']) {
        expect(await filesIn(join(out, `${kernel}-${strategy}`))).toEqual([
          'small-0.jpg',
          'small-1.jpg'
        ])
      }
    }
  })

  it('--json: every run with its CPU and its time against its kernel’s sequential', async () => {
    const ran = await runCli([
      'compare',
      '--process',
      '--json',
      '--in',
      small,
      '--out',
      join(root.path, 'cmp-json'),
      '--concurrency',
      '2',
      '--max-size',
      '200'
    ])
    expect(ran.code).toBe(0)
    const result = JSON.parse(ran.stdout) as {
      count: number
      runs: {
        kernel: string
        strategy: string
        ok: number
        cpuMs: number
        vsSequential: number
        tasks: { lane: number | null }[]
      }[]
    }
    expect(result.count).toBe(2)
    expect(result.runs.map((run) => `${run.kernel} ${run.strategy}`)).toEqual([
      'sharp sequential',
      'sharp workers',
      'sharp pool',
      'js sequential',
      'js workers',
      'js pool'
    ])
    for (const run of result.runs) {
      expect(run.ok).toBe(2)
      expect(run.cpuMs).toBeGreaterThan(0)
      expect(run.vsSequential).toBeGreaterThan(0)
      if (run.strategy === 'sequential') {
        expect(run.vsSequential).toBe(1)
        // One image at a time, on one lane.
        expect(new Set(run.tasks.map((task) => task.lane))).toEqual(new Set([0]))
      }
    }
  })
})
