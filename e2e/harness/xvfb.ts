import { spawn, type ChildProcess } from 'node:child_process'

export interface Display {
  /** `:99` */
  name: string
  stop(): Promise<void>
}

/**
 * Starts Xvfb on a free display number (it says which on a pipe, -displayfd),
 * for Electron on a Linux machine with no display. Rejects if Xvfb is missing.
 */
export function startXvfb(): Promise<Display> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess
    try {
      child = spawn(
        'Xvfb',
        ['-displayfd', '3', '-screen', '0', '1600x1200x24', '-nolisten', 'tcp'],
        {
          stdio: ['ignore', 'ignore', 'pipe', 'pipe']
        }
      )
    } catch (error) {
      return reject(error as Error)
    }
    let said = ''
    let stderr = ''
    const timer = setTimeout(() => {
      child.kill()
      reject(new Error(`Xvfb did not start: ${stderr.trim()}`))
    }, 10_000)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`Xvfb exited with ${code}: ${stderr.trim()}`))
    })
    const fd3 = child.stdio[3] as NodeJS.ReadableStream
    fd3.on('data', (chunk: Buffer) => {
      said += chunk.toString()
      const number = /^(\d+)\n/.exec(said)?.[1]
      if (number === undefined) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      resolve({
        name: `:${number}`,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill()
          })
      })
    })
  })
}
