import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN_SHEBANG, HEAP_OPTIONS } from '../../src/common/heap-options.ts'
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

/**
 * Runs the built bin: with this Node (and `execArgv`), or `executed` as a user's shell runs it,
 * by its own first line.
 */
function bin(
  args: string[],
  node: { execArgv?: string[]; env?: NodeJS.ProcessEnv; executed?: boolean } = {}
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const entry = join(built, 'index.js')
  const [command, argv] = node.executed
    ? [entry, args]
    : [process.execPath, [...(node.execArgv ?? []), entry, ...args]]
  return new Promise((resolve) => {
    const child = spawn(command, argv, { cwd: root, env: node.env ?? process.env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('the built CLI (the package bin)', () => {
  it('is a Node script that prints its usage under its bin name', async () => {
    expect((await readFile(join(built, 'index.js'), 'utf8')).split('\n')[0]).toBe(BIN_SHEBANG)
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

  it.skipIf(process.platform === 'win32')(
    'executed as users run it (npx, or its path), starts Node with the heap options',
    async () => {
      // A preload, put into the process through NODE_OPTIONS as a user's own would be, writes
      // the options Node was started with; node_modules/.bin is first on PATH, as npx puts it.
      const report = join(out.path, 'exec-argv.json')
      const hook = join(out.path, 'report-exec-argv.mjs')
      await writeFile(
        hook,
        [
          "import { writeFileSync } from 'node:fs'",
          'writeFileSync(process.env.EXEC_ARGV_REPORT, JSON.stringify(process.execArgv))'
        ].join('\n')
      )
      const ran = await bin(['--help'], {
        executed: true,
        env: {
          ...process.env,
          PATH: [join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter),
          NODE_OPTIONS: `--import=${pathToFileURL(hook).href}`,
          EXEC_ARGV_REPORT: report
        }
      })
      expect(ran.stderr).toBe('')
      expect(ran.code).toBe(0)
      expect(ran.stdout).toMatch(/^Usage: concurrent-image-downloader COMMAND/)
      expect(JSON.parse(await readFile(report, 'utf8'))).toEqual([...HEAP_OPTIONS])
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

  it("loads undici only on the threads that download: not in a workers run's main thread", async () => {
    // A module hook, preloaded into the process and each of its threads, logs every bundle
    // file with undici in its name that a thread loads.
    const log = join(out.path, 'undici-loads.log')
    const hook = join(out.path, 'log-undici.mjs')
    await writeFile(
      hook,
      [
        "import { appendFileSync } from 'node:fs'",
        "import { registerHooks } from 'node:module'",
        "import { isMainThread } from 'node:worker_threads'",
        'registerHooks({',
        '  load(url, context, next) {',
        "    if (url.includes('undici')) appendFileSync(process.env.UNDICI_LOG, (isMainThread ? 'main' : 'thread') + '\\n')",
        '    return next(url, context)',
        '  }',
        '})'
      ].join('\n')
    )
    const threadsLoadingUndici = async (strategy: string): Promise<Set<string>> => {
      await rm(log, { force: true })
      const ran = await bin(
        [
          'download',
          '--source',
          'simulated',
          '--count',
          '2',
          '--size-kb',
          '16',
          '--latency-ms',
          '0',
          '--strategy',
          strategy,
          '--out',
          join(out.path, `loads-${strategy}`)
        ],
        { execArgv: ['--import', hook], env: { ...process.env, UNDICI_LOG: log } }
      )
      expect(ran.code).toBe(0)
      const text = await readFile(log, 'utf8').catch(() => '')
      return new Set(text.split('\n').filter(Boolean))
    }
    // The pool downloads on the main thread: the hook sees undici load there.
    expect(await threadsLoadingUndici('pool')).toEqual(new Set(['main']))
    expect(await threadsLoadingUndici('workers')).toEqual(new Set(['thread']))
  })
})
