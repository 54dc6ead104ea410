import type { LoggerPort } from './logger-port.ts'

/** What Electron tells of a process that ended: `render-process-gone` or `child-process-gone`. */
export interface ProcessGone {
  process: 'renderer' | 'child'
  /** Electron's reason: `crashed`, `oom`, `killed`, `launch-failed`, `clean-exit`... */
  reason: string
  exitCode: number
  /** For a child process: `GPU`, `Utility`, ... */
  type?: string
  /** For a child process: its service name, e.g. `network.mojom.NetworkService`. */
  name?: string
}

export interface CrashDecision {
  /** Load the window's page again. */
  reload: boolean
  /** One message for the user, the first time in a burst; undefined otherwise. */
  notice?: string
  /** Too many in a row: stop reloading and tell the user to restart the app. */
  givenUp?: boolean
}

export interface CrashPolicyOptions {
  logger: LoggerPort
  /** Where the log file is, for the notice. */
  logFile: string
  /** At most this many reloads in `windowMs`; past it the window is left alone. */
  maxReloads?: number
  windowMs?: number
  now?: () => number
}

/**
 * What the app does when the window's renderer, or the GPU process it draws
 * with, ends unexpectedly: log it, reload the window (the service runs on in
 * main, so a run goes on and the reloaded page asks for its state), and say so
 * once. A page that crashes again as soon as it loads is reloaded at most
 * `maxReloads` times a minute, then left alone. Other child processes (the
 * network or audio service, which Chromium restarts itself) are only logged:
 * the downloads do not go through them.
 */
export function createCrashPolicy(options: CrashPolicyOptions): {
  onGone(gone: ProcessGone): CrashDecision
  /** Takes the notice not yet shown, if any (the reloaded page asks for its notices). */
  takeNotices(): string[]
} {
  const maxReloads = options.maxReloads ?? 3
  const windowMs = options.windowMs ?? 60_000
  const now = options.now ?? (() => Date.now())
  let reloads: number[] = []
  let pending: string | undefined
  let gaveUp = false

  return {
    onGone(gone) {
      const what =
        gone.process === 'renderer'
          ? 'the window’s renderer process'
          : `the ${gone.type ?? 'child'} process${gone.name ? ` (${gone.name})` : ''}`
      const line = `${what} ended: ${gone.reason}, exit code ${gone.exitCode}`
      if (gone.reason === 'clean-exit') {
        options.logger.info(line)
        return { reload: false }
      }
      options.logger.error(line)
      if (gone.process === 'child' && gone.type !== 'GPU') return { reload: false }

      const at = now()
      reloads = reloads.filter((t) => at - t < windowMs)
      if (reloads.length >= maxReloads) {
        if (gaveUp) return { reload: false }
        gaveUp = true
        options.logger.error(`not reloading the window again: ${reloads.length} reloads in a row`)
        return {
          reload: false,
          givenUp: true,
          notice: `The window stopped ${reloads.length + 1} times in a row and was not reloaded again. Please restart the app. Details are in the log: ${options.logFile}`
        }
      }
      reloads.push(at)
      gaveUp = false
      // One notice until the page has shown it, however many crashes come before.
      const notice = pending
        ? undefined
        : `The window stopped unexpectedly (${gone.reason}) and was reloaded; a run in progress went on. Details are in the log: ${options.logFile}`
      if (notice) pending = notice
      return { reload: true, ...(notice ? { notice } : {}) }
    },
    takeNotices() {
      const taken = pending ? [pending] : []
      pending = undefined
      return taken
    }
  }
}
