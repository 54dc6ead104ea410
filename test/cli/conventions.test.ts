import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import type { SimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { runCli, startCli } from '../helpers/run-cli.ts'
import { filesIn, tempDir } from '../helpers/temp-dir.ts'

// The CLI's conventions as a shell user meets them: the real CLI in a child process.
const root = join(import.meta.dirname, '..', '..')
const start = (args: string[]) => startCli(args)
const cli = (args: string[]) => runCli(args)

let cdn: SimulatedCdn
let out: { path: string; cleanup: () => Promise<void> }
beforeAll(async () => {
  cdn = await startSimulatedCdn({ count: 2, sizeKB: 16, latencyMs: 0, bandwidthKBps: 0 })
  out = await tempDir()
})
afterAll(async () => {
  await cdn.close()
  await out.cleanup()
})

describe('cli conventions', () => {
  it('--version prints the version from package.json and exits 0', async () => {
    const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'))
    const ran = await cli(['--version'])
    expect(ran).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' })
  })

  it('every command answers --help and -h on stdout with exit 0', async () => {
    const runs = await Promise.all(
      ['download', 'compare', 'sleep', 'serve', 'process'].flatMap((command) => [
        cli([command, '--help']).then((ran) => ({ command, ran })),
        cli([command, '-h', '--strategy', 'nonsense']).then((ran) => ({ command, ran }))
      ])
    )
    for (const { command, ran } of runs) {
      expect(ran.code, command).toBe(0)
      expect(ran.stderr, command).toBe('')
      expect(ran.stdout, command).toMatch(new RegExp(`^Usage: .* ${command}\\b`))
      expect(ran.stdout, command).toMatch(/Exit status/)
    }
    // Options are described once and shown where they apply.
    const download = runs.find((r) => r.command === 'download')!.ran.stdout
    expect(download).toMatch(/--urls-file/)
    expect(download).toMatch(/--verbose/)
    expect(runs.find((r) => r.command === 'compare')!.ran.stdout).toMatch(/--urls-file/)
    expect(runs.find((r) => r.command === 'sleep')!.ran.stdout).not.toMatch(/--urls-file/)
    // compare --process takes process's options: they are in compare's help.
    expect(runs.find((r) => r.command === 'compare')!.ran.stdout).toMatch(/--max-size N/)
    expect(runs.find((r) => r.command === 'process')!.ran.stdout).not.toMatch(/--urls-file/)

    const help = await cli(['help', 'sleep'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/--order completed\|submitted/)
    const all = await cli(['--help'])
    expect(all.code).toBe(0)
    expect(all.stdout).toMatch(/^Commands:$/m)
  })

  it('bad usage goes to stderr with exit 2, stdout left empty', async () => {
    for (const args of [[], ['frobnicate'], ['download', '--nope'], ['help', 'frobnicate']]) {
      const ran = await cli(args)
      expect(ran.code, args.join(' ')).toBe(2)
      expect(ran.stdout, args.join(' ')).toBe('')
      expect(ran.stderr, args.join(' ')).toMatch(/^error: .*\n\nUsage: /)
    }
    // The help shown is that of the command the mistake was made in.
    const ran = await cli(['sleep', '--mode', 'nap', '1'])
    expect(ran.stderr).toMatch(/Usage: .* sleep SECONDS/)
    expect(ran.stderr).not.toMatch(/--urls-file/)
  })

  it('--verbose tells each retry and each image’s lane and times on stderr', async () => {
    const flaky = (key: string): string =>
      cdn.faultUrl({ kind: 'flaky', failures: 1, key, status: 503, retryAfter: 0 })
    const args = (dir: string, key: string): string[] => [
      'download',
      '--concurrency',
      '2',
      '--out',
      join(out.path, dir),
      cdn.urls[0]!,
      flaky(key)
    ]
    const quiet = await cli(args('quiet', 'quiet'))
    expect(quiet.code).toBe(0)
    expect(quiet.stderr).toBe('')

    const verbose = await cli([...args('verbose', 'verbose'), '--verbose'])
    expect(verbose.code).toBe(0)
    // stdout keeps the tutorial's lines only.
    expect(verbose.stdout.match(/was downloaded\.\.\./g)).toHaveLength(2)
    expect(verbose.stdout).not.toMatch(/lane|retry|attempt/)
    expect(verbose.stderr).toMatch(/^run: 2 task\(s\), pool, concurrency 2$/m)
    expect(verbose.stderr).toMatch(/: http_503: .*; attempt 2 in \d+ ms$/m)
    expect(
      verbose.stderr.match(/\.jpg: lane [01], \d+–\d+ ms \(\d+ ms\), [\d.]+ KB$/gm)
    ).toHaveLength(2)
    expect(verbose.stderr).toMatch(/^run: 2 ok, 0 failed, 0 cancelled in [\d.]+ s$/m)
  })

  it('Ctrl-C cancels the run cleanly and exits 130: saved images stay, partial ones go', async () => {
    const dir = join(out.path, 'interrupted')
    const run = start([
      'download',
      '--concurrency',
      '2',
      '--out',
      dir,
      cdn.urls[0]!,
      cdn.faultUrl({ kind: 'stall', afterBytes: 1024 })
    ])
    // The first image is saved and the second hangs mid-body: the moment to press Ctrl-C.
    await expect.poll(() => run.output.stdout, { timeout: 30_000 }).toMatch(/was downloaded/)
    run.child.kill('SIGINT')
    const ran = await run.done
    expect(ran.code).toBe(130)
    expect(ran.stderr).toMatch(/1 saved, 0 failed, 1 cancelled/)
    expect(await filesIn(dir)).toEqual([expect.stringMatching(/\.jpg$/)])
  })

  it('serve stops on Ctrl-C with 130, as any interrupted command', async () => {
    const run = start(['serve', '--count', '1', '--size-kb', '1'])
    await expect.poll(() => run.output.stderr, { timeout: 30_000 }).toMatch(/Ctrl-C stops it/)
    run.child.kill('SIGINT')
    expect((await run.done).code).toBe(130)
  })
})
