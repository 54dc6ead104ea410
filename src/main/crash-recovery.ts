import { app, dialog } from 'electron'
import type { BrowserWindow } from 'electron'
import { createCrashPolicy } from './service/crash-policy.ts'
import type { LoggerPort } from './service/logger-port.ts'

/**
 * Watches the window's renderer (`render-process-gone`) and the app's child
 * processes (`child-process-gone`); crash-policy.ts decides. A reload keeps the
 * service, and with it a run in progress: the reloaded page asks for the run's
 * events and for the notice that says what happened. When the policy gives up,
 * a message box says so, since no page is left to show it.
 */
export function watchCrashes(options: {
  window: () => BrowserWindow | undefined
  logger: LoggerPort
  logFile: string
}): { takeNotices(): string[]; watchWindow(window: BrowserWindow): void } {
  const policy = createCrashPolicy({ logger: options.logger, logFile: options.logFile })

  const act = (decision: ReturnType<typeof policy.onGone>): void => {
    const window = options.window()
    if (!window || window.isDestroyed()) return
    if (decision.reload) window.webContents.reload()
    else if (decision.givenUp && decision.notice) {
      void dialog.showMessageBox(window, {
        type: 'error',
        title: 'The window keeps stopping',
        message: 'The window keeps stopping',
        detail: decision.notice
      })
    }
  }

  app.on('child-process-gone', (_event, details) => {
    act(
      policy.onGone({
        process: 'child',
        reason: details.reason,
        exitCode: details.exitCode,
        type: details.type,
        ...(details.serviceName ? { name: details.serviceName } : {})
      })
    )
  })

  return {
    takeNotices: () => policy.takeNotices(),
    watchWindow(window) {
      window.webContents.on('render-process-gone', (_event, details) => {
        act(
          policy.onGone({ process: 'renderer', reason: details.reason, exitCode: details.exitCode })
        )
      })
      // A page that stops answering is logged; Chromium's own dialog offers to wait or reload.
      window.on('unresponsive', () => options.logger.warn('the window is not responding'))
      window.on('responsive', () => options.logger.info('the window responds again'))
    }
  }
}
