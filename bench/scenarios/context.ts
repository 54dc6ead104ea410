import type { MachineInfo } from '../machine.ts'
import type { Log } from '../measure.ts'
import type { BenchOptions } from '../options.ts'
import type { PythonPeer } from '../peers/python.ts'
import type { TempDirs } from '../temp-dirs.ts'
import type { ScenarioResult } from '../types.ts'

export interface BenchContext {
  options: BenchOptions
  machine: MachineInfo
  dirs: TempDirs
  log: Log
  curl: { version?: string; notRun?: string; startMs?: number }
  python: PythonPeer
  /** Scenarios already run in this benchmark, by id (scenario 4 compares itself with 2). */
  done: Map<number, ScenarioResult>
}

/** Runs for a contender that takes seconds per run. */
export function slowRuns(context: BenchContext): number {
  return context.options.slowRuns
}

/** Runs for a contender of a few seconds or less: the full count, but at most `cap`. */
export function fastRuns(context: BenchContext, cap = Infinity): number {
  return Math.min(context.options.runs, cap)
}
