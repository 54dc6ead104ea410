/**
 * Where the main process's diagnostics go: the log file in the app
 * (src/main/logging.ts, electron-log), an array in the tests. The Electron-free
 * modules take this port and never import a logging library.
 */
export interface LoggerPort {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}
