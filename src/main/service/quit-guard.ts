import type { LoggerPort } from './logger-port.ts'

/** The two answers of the quit dialog. */
export type QuitAnswer = 'cancel-and-quit' | 'keep-running'

export interface QuitGuardOptions {
  /** Whether a run is going on now. */
  isRunning(): boolean
  /** Asks the user (Electron's message box in the app); one question at a time. */
  ask(): Promise<QuitAnswer>
  /** Cancels the run (recorded as interrupted) and flushes the stores: the service's dispose. */
  shutDown(): Promise<void>
  /** Quits for real, once shut down. */
  quit(): void
  logger: LoggerPort
}

/**
 * Decides what a request to quit does (the app's `before-quit`, or closing the
 * window where that quits). With no run, the app shuts down and quits. During a
 * run, it asks: "Cancel the run and quit" shuts down and quits, "Keep running"
 * leaves everything as it was. A request while the question is open, or while
 * shutting down, changes nothing; once shut down, quitting goes ahead.
 */
export function createQuitGuard(options: QuitGuardOptions): {
  /** Call on every quit request; true when it must be held back (Electron's preventDefault). */
  onQuitRequested(): boolean
  /** Call when the window is about to close; true when the close must be held back. */
  onCloseRequested(): boolean
} {
  let state: 'open' | 'asking' | 'shutting-down' | 'done' = 'open'

  const shutDown = (): void => {
    state = 'shutting-down'
    void options
      .shutDown()
      .catch((error: unknown) =>
        options.logger.error(`shutting down: ${(error as Error).message ?? String(error)}`)
      )
      .finally(() => {
        state = 'done'
        options.quit()
      })
  }

  const askThenMaybeQuit = (): void => {
    state = 'asking'
    void options.ask().then(
      (answer) => {
        if (answer === 'cancel-and-quit') {
          options.logger.info('quit during a run: the run is cancelled')
          shutDown()
        } else state = 'open'
      },
      (error: unknown) => {
        options.logger.error(`quit dialog: ${(error as Error).message ?? String(error)}`)
        state = 'open'
      }
    )
  }

  return {
    onQuitRequested() {
      if (state === 'done') return false
      if (state === 'open') {
        if (options.isRunning()) askThenMaybeQuit()
        else shutDown()
      }
      return true
    },
    onCloseRequested() {
      if (state !== 'open' || !options.isRunning()) return state === 'asking'
      askThenMaybeQuit()
      return true
    }
  }
}
