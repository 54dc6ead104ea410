import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BenchCdn } from '../cdn/host.ts'
import type { TempDirs } from '../temp-dirs.ts'
import type { RunSample } from '../types.ts'
import { countSaved, runProgram, type Finished } from './spawn.ts'

const SCRIPT = new URL('./tutorial_download.py', import.meta.url).pathname
/** Debian's python3 first: python3-requests and python3-pil install there, not in a pyenv. */
export const PYTHON_INTERPRETERS = ['/usr/bin/python3', 'python3']

/**
 * The first interpreter whose `python3 -c probe` exits 0, with the words the probe printed; or,
 * when none does, why, as `notRun` (`python3 with <lacking> not found (<each one's last line>)`).
 */
export async function probePython(
  probe: string,
  lacking: string,
  interpreters: readonly string[]
): Promise<{ interpreter: string; words: string[] } | { notRun: string }> {
  const reasons: string[] = []
  for (const interpreter of interpreters) {
    const result = await runProgram(interpreter, ['-c', probe], { timeoutMs: 20_000 })
    if (result.code === 0) return { interpreter, words: result.stdout.trim().split(' ') }
    const last = result.stderr.trim().split('\n').at(-1) ?? 'failed'
    reasons.push(`${interpreter}: ${last}`)
  }
  return { notRun: `python3 with ${lacking} not found (${reasons.join('; ')})` }
}

/**
 * The time a tutorial script prints (`Finished in N seconds`), from before its first image to
 * after its last, so that the interpreter's start is left out as the engine's is; a script that
 * fails or prints no time throws, with the end of its stderr.
 */
export function finishedMs(result: Finished): number {
  const finished = /Finished in ([\d.e-]+) seconds/.exec(result.stdout)
  if (result.code !== 0 || !finished) {
    throw new Error(`the tutorial's script failed (${result.code}): ${result.stderr.slice(-400)}`)
  }
  return Number(finished[1]) * 1000
}

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
  const found = await probePython(probe, 'requests', PYTHON_INTERPRETERS)
  if ('notRun' in found) return found
  const [python, requests, workers] = found.words
  return {
    interpreter: found.interpreter,
    version: `Python ${python}, requests ${requests}`,
    defaultWorkers: Number(workers)
  }
}

/**
 * The tutorial's script, `sequential`, `default` (its ThreadPoolExecutor()) or N workers. Its
 * time is the one it prints (finishedMs); its CPU time is the whole process's, start-up and
 * `import requests` included.
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
  return {
    ms: finishedMs(result),
    ok: saved.files,
    total: urls.length,
    bytes: saved.bytes,
    clientCpuMs: result.cpuMs,
    server
  }
}
