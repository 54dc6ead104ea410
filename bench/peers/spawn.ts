import { spawn } from 'node:child_process'

export interface Finished {
  code: number | null
  stdout: string
  stderr: string
  ms: number
  /** CPU the program used (user + system), when measured. */
  cpuMs?: number
}

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

/** Runs a program to its end, timing it from spawn to exit; `measureCpu` also counts its CPU time. */
export function runProgram(
  command: string,
  args: string[],
  options: { cwd?: string; timeoutMs?: number; measureCpu?: boolean } = {}
): Promise<Finished> {
  return new Promise((resolve) => {
    const started = performance.now()
    const [file, argv] = options.measureCpu
      ? ['/bin/sh', ['-c', WITH_CPU, 'sh', command, ...args]]
      : [command, args]
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
      resolve({ code, stdout, ms, ...childCpuMs(stderr) })
    }
    child.once('error', (error) => {
      stderr += String(error)
      done(null)
    })
    child.once('close', done)
  })
}

/** Files in a folder and their total size, to check what a peer saved. */
export async function countSaved(dir: string): Promise<{ files: number; bytes: number }> {
  const { readdir, stat } = await import('node:fs/promises')
  let files = 0
  let bytes = 0
  for (const name of await readdir(dir)) {
    files++
    bytes += (await stat(`${dir}/${name}`)).size
  }
  return { files, bytes }
}
