import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { filesIn, tempDir } from '../helpers/temp-dir.ts'

const root = join(import.meta.dirname, '..', '..')

let built: string
let out: { path: string; cleanup: () => Promise<void> }

/**
 * The package's bin as `npm run build:cli` makes it, built into a folder of this test's own
 * inside the project (git-ignored .tmp), where Node finds sharp, which stays outside the bundle.
 */
beforeAll(async () => {
  await mkdir(join(root, '.tmp'), { recursive: true })
  built = await mkdtemp(join(root, '.tmp', 'bin-test-'))
  out = await tempDir()
  await build({
    configFile: join(root, 'vite.cli.config.ts'),
    root,
    logLevel: 'silent',
    build: { outDir: built }
  })
}, 120_000)

afterAll(async () => {
  await rm(built, { recursive: true, force: true })
  await out.cleanup()
})

function bin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(built, 'index.js'), ...args], { cwd: root })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('the built CLI (the package bin)', () => {
  it('is a Node script that prints its usage under its bin name', async () => {
    expect(
      (await readFile(join(built, 'index.js'), 'utf8')).startsWith('#!/usr/bin/env node\n')
    ).toBe(true)
    const ran = await bin(['--help'])
    expect(ran.code).toBe(0)
    expect(ran.stdout).toMatch(/^Usage: concurrent-image-downloader COMMAND/)
  })

  it.skipIf(process.platform === 'win32')(
    'is executable as built, so npx still runs it after a rebuild',
    async () => {
      expect((await stat(join(built, 'index.js'))).mode & 0o111).toBe(0o111)
    }
  )

  it('downloads on its own worker threads, from the bundled worker beside it', async () => {
    const dir = join(out.path, 'workers')
    const ran = await bin([
      'download',
      '--source',
      'simulated',
      '--count',
      '3',
      '--size-kb',
      '64',
      '--latency-ms',
      '5',
      '--strategy',
      'workers',
      '--concurrency',
      '2',
      '--out',
      dir,
      '--json'
    ])
    expect(ran.stderr).toBe('')
    expect(ran.code).toBe(0)
    const summary = JSON.parse(ran.stdout) as { ok: number; tasks: { lane: number }[] }
    expect(summary.ok).toBe(3)
    expect(new Set(summary.tasks.map((task) => task.lane))).toEqual(new Set([0, 1]))
    const images = (await filesIn(dir)).filter((name) => name.endsWith('.jpg'))
    expect(images).toHaveLength(3)
  })
})
