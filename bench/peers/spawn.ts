import { spawn } from 'node:child_process'

export interface Finished {
  code: number | null
  stdout: string
  stderr: string
  ms: number
}

/** Runs a program to its end, timing it from spawn to exit. */
export function runProgram(
  command: string,
  args: string[],
  options: { cwd?: string; timeoutMs?: number } = {}
): Promise<Finished> {
  return new Promise((resolve) => {
    const started = performance.now()
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
    const timer = options.timeoutMs
      ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
      : undefined
    const done = (code: number | null): void => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, ms: performance.now() - started })
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
