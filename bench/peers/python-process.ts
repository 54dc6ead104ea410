import { existsSync } from 'node:fs'
import type { TempDirs } from '../temp-dirs.ts'
import type { RunSample } from '../types.ts'
import { countSaved, GNU_TIME, runProgram } from './spawn.ts'

const SCRIPT = new URL('./tutorial_process.py', import.meta.url).pathname
/** Debian's python3 first: python3-pil installs there, not in a pyenv. */
const INTERPRETERS = ['/usr/bin/python3', 'python3']

export type PythonProcessMode = 'sequential' | 'processes' | 'threads'

export interface PillowPeer {
  interpreter?: string
  version?: string
  notRun?: string
  /** ProcessPoolExecutor()'s default number of processes here (os.cpu_count()). */
  processes?: number
  /** ThreadPoolExecutor()'s default number of threads here. */
  threads?: number
}

/** Whether `python3 -c 'import PIL'` works, and with which interpreter (the first that has it). */
export async function pillowStatus(interpreters = INTERPRETERS): Promise<PillowPeer> {
  const probe =
    'import os, sys, PIL; ' +
    'n = os.cpu_count() or 1; print(sys.version.split()[0], PIL.__version__, n, min(32, n + 4))'
  const reasons: string[] = []
  for (const interpreter of interpreters) {
    const result = await runProgram(interpreter, ['-c', probe], { timeoutMs: 20_000 })
    if (result.code === 0) {
      const [python, pillow, processes, threads] = result.stdout.trim().split(' ')
      return {
        interpreter,
        version: `Python ${python}, Pillow ${pillow}`,
        processes: Number(processes),
        threads: Number(threads)
      }
    }
    const last = result.stderr.trim().split('\n').at(-1) ?? 'failed'
    reasons.push(`${interpreter}: ${last}`)
  }
  return { notRun: `python3 with Pillow not found (${reasons.join('; ')})` }
}

/**
 * The multiprocessing tutorial's script over the originals, into a fresh folder. Its time is the one it
 * prints (`Finished in`), as the engine's runs leave their start-up out; its CPU is the whole
 * process tree's, and its peak memory that of its largest process (GNU time's %M, which is
 * the most of any one process it waited for, not their sum).
 */
export async function pythonProcessRun(
  peer: PillowPeer,
  dirs: TempDirs,
  originals: { dir: string; count: number; bytes: number },
  mode: PythonProcessMode
): Promise<RunSample> {
  if (!peer.interpreter) throw new Error(peer.notRun ?? 'no python with Pillow')
  const out = await dirs.fresh(`python-process-${mode}`)
  const result = await runProgram(peer.interpreter, [SCRIPT, originals.dir, out, mode], {
    measureCpu: true,
    measureRss: existsSync(GNU_TIME)
  })
  const saved = await countSaved(out)
  await dirs.remove(out)
  const finished = /Finished in ([\d.e-]+) seconds/.exec(result.stdout)
  if (result.code !== 0 || !finished) {
    throw new Error(`the tutorial's script failed (${result.code}): ${result.stderr.slice(-400)}`)
  }
  return {
    ms: Number(finished[1]) * 1000,
    ok: saved.files,
    total: originals.count,
    // What it read, as the engine's rows count it.
    bytes: originals.bytes,
    clientCpuMs: result.cpuMs,
    ...(result.peakRssMiB === undefined ? {} : { peakRssMiB: result.peakRssMiB })
  }
}
