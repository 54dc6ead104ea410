import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BenchCdn } from '../cdn/host.ts'
import type { TempDirs } from '../temp-dirs.ts'
import type { RunSample } from '../types.ts'
import { countSaved, runProgram } from './spawn.ts'

const SCRIPT = new URL('./tutorial_download.py', import.meta.url).pathname
/** Debian's python3 first: python3-requests installs there, not in a pyenv. */
const INTERPRETERS = ['/usr/bin/python3', 'python3']

export interface PythonPeer {
  interpreter?: string
  version?: string
  notRun?: string
  /** ThreadPoolExecutor()'s default number of workers on this machine. */
  defaultWorkers?: number
}

export async function pythonStatus(): Promise<PythonPeer> {
  const probe =
    'import os, sys, requests; ' +
    'print(sys.version.split()[0], requests.__version__, min(32, (os.cpu_count() or 1) + 4))'
  const reasons: string[] = []
  for (const interpreter of INTERPRETERS) {
    const result = await runProgram(interpreter, ['-c', probe], { timeoutMs: 20_000 })
    if (result.code === 0) {
      const [python, requests, workers] = result.stdout.trim().split(' ')
      return {
        interpreter,
        version: `Python ${python}, requests ${requests}`,
        defaultWorkers: Number(workers)
      }
    }
    const last = result.stderr.trim().split('\n').at(-1) ?? 'failed'
    reasons.push(`${interpreter}: ${last}`)
  }
  return { notRun: `python3 with requests not found (${reasons.join('; ')})` }
}

/**
 * The tutorial's script, `sequential`, `default` (its ThreadPoolExecutor()) or N workers. Its
 * time is the one it prints (`Finished in`), from before the first download to after the last,
 * so the interpreter's start is left out as the engine's is. Its CPU time is the whole process's,
 * start-up and `import requests` included.
 */
export async function pythonRun(
  peer: PythonPeer,
  cdn: BenchCdn,
  dirs: TempDirs,
  urls: string[],
  workers: 'sequential' | 'default' | number
): Promise<RunSample> {
  if (!peer.interpreter) throw new Error(peer.notRun ?? 'no python')
  const dir = await dirs.fresh(`python-${workers}`)
  const list = join(dirs.root, `python-${urls.length}.urls`)
  await writeFile(list, urls.join('\n') + '\n')
  await cdn.report(true)
  const result = await runProgram(peer.interpreter, [SCRIPT, list, String(workers)], {
    cwd: dir,
    measureCpu: true
  })
  const server = await cdn.report(true)
  const saved = await countSaved(dir)
  await dirs.remove(dir)
  const finished = /Finished in ([\d.e-]+) seconds/.exec(result.stdout)
  if (result.code !== 0 || !finished) {
    throw new Error(`the tutorial's script failed (${result.code}): ${result.stderr.slice(-400)}`)
  }
  return {
    ms: Number(finished[1]) * 1000,
    ok: saved.files,
    total: urls.length,
    bytes: saved.bytes,
    clientCpuMs: result.cpuMs,
    server
  }
}
