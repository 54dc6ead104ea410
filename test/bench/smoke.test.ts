import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/temp-dir.ts'

const root = join(import.meta.dirname, '..', '..')
/** The Node the npm scripts use (24, which runs TypeScript), if installed locally. */
const node = existsSync(join(root, 'node_modules/.bin/node'))
  ? join(root, 'node_modules/.bin/node')
  : process.execPath

function bench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(node, [join(root, 'bench/run.ts'), ...args], { cwd: root })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

let out: { path: string; cleanup: () => Promise<void> }
beforeAll(async () => {
  out = await tempDir('cid-bench-test-')
})
afterAll(async () => {
  await out.cleanup()
})

describe('npm run bench -- --quick --only 5', () => {
  it('prints the machine, the sleep table and its targets, and writes the JSON', async () => {
    const json = join(out.path, 'latest.json')
    const { code, stdout, stderr } = await bench(['--quick', '--only', '5', '--out', json])
    expect(code, stderr).toBe(0)
    expect(stdout).toMatch(/Machine: \d+ cores/)
    expect(stdout).toContain('== Scenario 5: the sleep demo')
    // The row, not its time: a busy machine makes any run slower.
    expect(stdout).toMatch(/pool timer\s+4\s+1\s+\d+\.\d{3}\s/)
    expect(stdout).toContain('pool (timer) within 20 ms of ideal')
    const results = JSON.parse(await readFile(json, 'utf8')) as {
      scenarios: { id: number; rows: { who: string; time?: { median: number } }[] }[]
    }
    expect(results.scenarios.map((scenario) => scenario.id)).toEqual([5])
    const rows = results.scenarios[0]?.rows ?? []
    expect(rows.map((row) => row.who)).toContain('workers spin')
    expect(rows.every((row) => (row.time?.median ?? 0) > 0)).toBe(true)
    // About 20 s of runs, and the benchmark waits for an idle process before each: more when busy.
  }, 180_000)

  it('refuses an unknown scenario with exit code 2', async () => {
    const { code, stderr } = await bench(['--only', '10'])
    expect(code).toBe(2)
    expect(stderr).toContain('no scenario 10')
  })
})
