import { appendFileSync } from 'node:fs'
import { app, dialog } from 'electron'
import type { BrowserWindow } from 'electron'
import type { LoggerPort } from './service/logger-port.ts'
import { createQuitGuard } from './service/quit-guard.ts'
import type { QuitAnswer } from './service/quit-guard.ts'

export const QUIT_BUTTONS = ['Cancel the run and quit', 'Keep running'] as const

/**
 * Asks before a quit cancels a run: on `before-quit` (the menu, Cmd+Q, the
 * system) and, where closing the last window quits (Windows, Linux), on the
 * window's `close`. The decisions are service/quit-guard.ts's.
 *
 * For the end-to-end tests only, in an unpackaged app started with
 * E2E_RECORD_SHELL: the question is recorded to that file and answered with
 * E2E_QUIT_ANSWER (default: cancel and quit), so a test that quits mid-run does
 * not wait on a dialog no one sees.
 */
export function guardQuit(options: {
  window: () => BrowserWindow | undefined
  isRunning: () => boolean
  shutDown: () => Promise<void>
  logger: LoggerPort
}): { watchWindow(window: BrowserWindow): void } {
  const recordTo = app.isPackaged ? undefined : process.env.E2E_RECORD_SHELL
  const ask = async (): Promise<QuitAnswer> => {
    if (recordTo) {
      appendFileSync(recordTo, `${JSON.stringify({ call: 'askQuit', path: '' })}\n`)
      return process.env.E2E_QUIT_ANSWER === 'keep-running' ? 'keep-running' : 'cancel-and-quit'
    }
    const messageBox: Electron.MessageBoxOptions = {
      type: 'question',
      title: 'A run is in progress',
      message: 'A run is in progress. Cancel it and quit?',
      detail:
        'The images saved so far stay; the run is kept in the history as interrupted, and its Resume finishes the rest later.',
      buttons: [...QUIT_BUTTONS],
      defaultId: 1,
      cancelId: 1,
      noLink: true
    }
    const parent = options.window()
    const { response } =
      parent && !parent.isDestroyed()
        ? await dialog.showMessageBox(parent, messageBox)
        : await dialog.showMessageBox(messageBox)
    return response === 0 ? 'cancel-and-quit' : 'keep-running'
  }

  const guard = createQuitGuard({
    isRunning: options.isRunning,
    ask,
    shutDown: options.shutDown,
    quit: () => app.quit(),
    logger: options.logger
  })

  app.on('before-quit', (event) => {
    if (guard.onQuitRequested()) event.preventDefault()
  })

  return {
    watchWindow(window) {
      // On macOS closing the window does not quit: the run goes on, and the window
      // reopened from the dock gets its state back.
      if (process.platform === 'darwin') return
      window.on('close', (event) => {
        if (guard.onCloseRequested()) event.preventDefault()
      })
    }
  }
}
