import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BenchCdn } from '../cdn/host.ts'
import type { TempDirs } from '../temp-dirs.ts'
import type { RunSample } from '../types.ts'
import { countSaved, runProgram } from './spawn.ts'

/** curl's version line, or why it cannot run. */
export async function curlStatus(): Promise<{ version?: string; notRun?: string }> {
  const result = await runProgram('curl', ['--version'], { timeoutMs: 10_000 })
  if (result.code !== 0)
    return { notRun: `curl not installed (${result.stderr.trim() || 'no curl on PATH'})` }
  const version = result.stdout.split('\n')[0] ?? 'curl'
  if (!/curl (7\.(6[6-9]|[7-9]\d)|[89]\.)/.test(version)) {
    return { notRun: `${version.split(' ').slice(0, 2).join(' ')} has no --parallel (needs 7.66+)` }
  }
  return { version }
}

/** Start-up of a curl process with nothing to fetch: what its wall time includes beyond the transfers. */
export async function curlStartMs(): Promise<number> {
  const result = await runProgram('curl', ['--version'])
  return result.ms
}

/**
 * `curl --parallel --parallel-max N` over the URLs (a config file, so 10 000 URLs fit), each
 * saved to its own file; plain `curl` one after another when N is 1. Timed as a process, start
 * to exit.
 *
 * `immediate` adds --parallel-immediate. Without it curl opens one connection, waits for its
 * response to learn whether it can multiplex (HTTP/2), and only then opens the others: one extra
 * round trip of the server's latency before the rest start.
 */
export async function curlRun(
  cdn: BenchCdn,
  dirs: TempDirs,
  urls: string[],
  parallel: number,
  immediate = true
): Promise<RunSample> {
  const dir = await dirs.fresh(`curl-${parallel}`)
  const config = join(dirs.root, `curl-${parallel}.config`)
  const lines = urls.map((url, index) => `url = "${url}"\noutput = "${join(dir, `${index}.jpg`)}"`)
  await writeFile(config, lines.join('\n') + '\n')
  const args = ['--silent', '--show-error', '--fail', '--config', config]
  if (parallel > 1) {
    args.unshift(
      '--parallel',
      '--parallel-max',
      String(parallel),
      ...(immediate ? ['--parallel-immediate'] : [])
    )
  }
  await cdn.report(true)
  const result = await runProgram('curl', args, { measureCpu: true })
  const server = await cdn.report(true)
  const saved = await countSaved(dir)
  await dirs.remove(dir)
  if (result.code !== 0)
    process.stderr.write(`curl exited ${result.code}: ${result.stderr.slice(0, 300)}\n`)
  return {
    ms: result.ms,
    ok: saved.files,
    total: urls.length,
    bytes: saved.bytes,
    clientCpuMs: result.cpuMs,
    server
  }
}
