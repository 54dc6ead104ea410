import { spawn } from 'node:child_process'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs the CLI from source as a user does, on the Node the npm scripts use, in the project's
 * folder (or `cwd`). `env` is added to this process's environment.
 */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  cwd: string = root
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'src/cli/index.ts'), ...args], {
      cwd,
      env: { ...process.env, ...env }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}
