import { join } from 'node:path'
import { shell } from 'electron'
import log from 'electron-log/main'
import type { LoggerPort } from './service/logger-port.ts'

export interface AppLog extends LoggerPort {
  /** The folder of the log files (Help › Open Logs Folder opens it). */
  readonly dir: string
  /** The file written now. */
  readonly file: string
}

/** Rotated at 1 MiB: the full file becomes `main.old.log`, so the logs never take more than 2 MiB. */
export const LOG_MAX_BYTES = 1024 * 1024

/**
 * The app's log, through electron-log: `main.log` in the OS's logs folder
 * (Electron's `app.getPath('logs')`: `~/Library/Logs/<app>` on macOS, `logs` in
 * the user data folder elsewhere). Info and above go to the file; main's
 * uncaught exceptions and unhandled rejections are logged there too, without a
 * dialog. The window's errors arrive through the service (renderer-errors.ts),
 * not through electron-log's own IPC, whose messages are not validated.
 */
export function startLogging(dir: string): AppLog {
  const file = join(dir, 'main.log')
  log.transports.file.resolvePathFn = () => file
  log.transports.file.level = 'info'
  log.transports.file.maxSize = LOG_MAX_BYTES
  log.transports.console.level = 'warn'
  log.errorHandler.startCatching({ showDialog: false })
  return {
    dir,
    file,
    info: (message) => log.info(message),
    warn: (message) => log.warn(message),
    error: (message) => log.error(message)
  }
}

/** Help › Open Logs Folder: the folder of main.log, made by the line logged first. */
export async function openLogsFolder(appLog: AppLog): Promise<void> {
  appLog.info('logs folder opened from the Help menu')
  const error = await shell.openPath(appLog.dir)
  if (error) appLog.warn(`the logs folder ${appLog.dir} could not be opened: ${error}`)
}
