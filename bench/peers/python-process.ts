import { existsSync } from 'node:fs'
import type { TempDirs } from '../temp-dirs.ts'
import type { RunSample } from '../types.ts'
import { finishedMs, probePython, PYTHON_INTERPRETERS } from './python.ts'
import { countSaved, GNU_TIME, runProgram } from './spawn.ts'

const SCRIPT = new URL('./tutorial_process.py', import.meta.url).pathname

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
export async function pillowStatus(interpreters = PYTHON_INTERPRETERS): Promise<PillowPeer> {
  const probe =
    'import os, sys, PIL; ' +
    'n = os.cpu_count() or 1; print(sys.version.split()[0], PIL.__version__, n, min(32, n + 4))'
  const found = await probePython(probe, 'Pillow', interpreters)
  if ('notRun' in found) return found
  const [python, pillow, processes, threads] = found.words
  return {
    interpreter: found.interpreter,
    version: `Python ${python}, Pillow ${pillow}`,
    processes: Number(processes),
    threads: Number(threads)
  }
}

/**
 * The multiprocessing tutorial's script over the originals, into a fresh folder. Its time is the one it
 * prints (finishedMs), as the engine's runs leave their start-up out; its CPU is the whole
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
  return {
    ms: finishedMs(result),
    ok: saved.files,
    total: originals.count,
    // What it read, as the engine's rows count it.
    bytes: originals.bytes,
    clientCpuMs: result.cpuMs,
    ...(result.peakRssMiB === undefined ? {} : { peakRssMiB: result.peakRssMiB })
  }
}
