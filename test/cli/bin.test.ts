import { spawn, spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import packageJson from '../../package.json' with { type: 'json' }
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
  node: { execArgv?: string[]; env?: NodeJS.ProcessEnv; executed?: boolean; path?: string } = {}
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const entry = join(built, 'index.js')
  const [command, argv] = node.executed
    ? [entry, args]
    : [node.path ?? process.execPath, [...(node.execArgv ?? []), entry, ...args]]
  return new Promise((resolve) => {
    const child = spawn(command, argv, { cwd: root, env: node.env ?? process.env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** A Node older than package.json's engines on this machine (Debian's, say), if there is one. */
function olderNode(): { path: string; version: string } | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, process.platform === 'win32' ? 'node.exe' : 'node')
    const ran = spawnSync(path, ['--version'], { encoding: 'utf8' })
    const major = Number(/^v(\d+)/.exec(ran.stdout ?? '')?.[1])
    if (major && major < REQUIRED_MAJOR) return { path, version: ran.stdout.trim() }
  }
  return undefined
}

const REQUIRED_MAJOR = Number(/\d+/.exec(packageJson.engines.node)?.[0])
const older = olderNode()

describe('the built CLI (the package bin)', () => {
  it.skipIf(!older)(
    `run by a Node older than engines asks (${older?.version ?? 'none on PATH here'}), says which it needs`,
    async () => {
      const ran = await bin(['--help'], { path: older?.path })
      expect(ran.code).toBe(1)
      expect(ran.stderr).toContain(
        `needs Node ${REQUIRED_MAJOR} or later; this is Node ${older?.version.slice(1)}`
      )
      expect(ran.stdout).toBe('')
    }
  )

  it('checks for the Node that package.json engines asks for', async () => {
    const source = await readFile(join(root, 'src', 'cli', 'index.ts'), 'utf8')
    expect(source).toContain(`const NODE_MAJOR = ${REQUIRED_MAJOR}\n`)
  })

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
