import { MANIFEST_NAME } from '../../src/engine/files/manifest.ts'
import { spawn } from 'node:child_process'

export interface Finished {
  code: number | null
  stdout: string
  stderr: string
  ms: number
  /** CPU the program used (user + system), when measured. */
  cpuMs?: number
  /** The program's peak resident memory, MiB, when measured (GNU time's %M). */
  peakRssMiB?: number
}

/** GNU time, for a program's peak resident memory (`measureRss`). */
export const GNU_TIME = '/usr/bin/time'

/**
 * A shell that runs the program, waits for it, then prints its own /proc stat line, whose
 * cutime and cstime are the CPU of the children it waited for: the program's CPU time.
 */
const WITH_CPU =
  '"$@"; status=$?; read -r stat < /proc/$$/stat; echo "@@cpu $stat" >&2; exit $status'
const TICKS_PER_SECOND = 100

function childCpuMs(stderr: string): { cpuMs?: number; stderr: string } {
  const match = /^@@cpu .*\) (.*)$/m.exec(stderr)
  if (!match) return { stderr }
  const fields = (match[1] ?? '').split(' ')
  // After "(comm)", field 3 (state) is index 0: cutime is field 16, cstime field 17.
  const ticks = Number(fields[13]) + Number(fields[14])
  const rest = stderr.replace(/^@@cpu .*\n?/m, '')
  return {
    cpuMs: Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined,
    stderr: rest
  }
}

function peakRss(stderr: string): { peakRssMiB?: number; stderr: string } {
  const match = /^@@rss (\d+)$/m.exec(stderr)
  if (!match) return { stderr }
  return {
    peakRssMiB: Number(match[1]) / 1024,
    stderr: stderr.replace(/^@@rss .*\n?/m, '')
  }
}

/**
 * Runs a program to its end, timing it from spawn to exit; `measureCpu` also counts its CPU time,
 * `measureRss` its peak resident memory (through GNU time, which adds about 1 ms).
 */
export function runProgram(
  command: string,
  args: string[],
  options: { cwd?: string; timeoutMs?: number; measureCpu?: boolean; measureRss?: boolean } = {}
): Promise<Finished> {
  return new Promise((resolve) => {
    const started = performance.now()
    const program: [string, string[]] = options.measureRss
      ? [GNU_TIME, ['-f', '@@rss %M', command, ...args]]
      : [command, args]
    const [file, argv] = options.measureCpu
      ? ['/bin/sh', ['-c', WITH_CPU, 'sh', program[0], ...program[1]]]
      : program
    const child = spawn(file, argv, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
    const timer = options.timeoutMs
      ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
      : undefined
    const done = (code: number | null): void => {
      const ms = performance.now() - started
      clearTimeout(timer)
      const cpu = childCpuMs(stderr)
      resolve({ code, stdout, ms, ...cpu, ...peakRss(cpu.stderr) })
    }
    child.once('error', (error) => {
      stderr += String(error)
      done(null)
    })
    child.once('close', done)
  })
}

/** Files in a folder and their total size, to check what a peer saved (not the CLI's manifest). */
export async function countSaved(dir: string): Promise<{ files: number; bytes: number }> {
  const { readdir, stat } = await import('node:fs/promises')
  let files = 0
  let bytes = 0
  for (const name of await readdir(dir)) {
    if (name === MANIFEST_NAME) continue
    files++
    bytes += (await stat(`${dir}/${name}`)).size
  }
  return { files, bytes }
}
