import { spawn } from 'node:child_process'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Starts the CLI from source as a user does, on the Node the npm scripts use, in the project's
 * folder (or `cwd`), for a test that acts while it runs (a Ctrl-C once a line is printed).
 * `env` is added to this process's environment; `output` fills as the CLI writes.
 */
export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  cwd: string = root
): {
  child: ChildProcessWithoutNullStreams
  output: { stdout: string; stderr: string }
  done: Promise<CliRun>
} {
  const child = spawn(process.execPath, [join(root, 'src/cli/index.ts'), ...args], {
    cwd,
    env: { ...process.env, ...env }
  })
  const output = { stdout: '', stderr: '' }
  child.stdout.on('data', (chunk) => (output.stdout += chunk))
  child.stderr.on('data', (chunk) => (output.stderr += chunk))
  const done = new Promise<CliRun>((resolve) =>
    child.on('close', (code) => resolve({ code, ...output }))
  )
  return { child, output, done }
}

/** Runs the CLI to its end (see startCli). */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  cwd: string = root
): Promise<CliRun> {
  return startCli(args, env, cwd).done
}
