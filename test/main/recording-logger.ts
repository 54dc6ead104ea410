import type { LoggerPort } from '../../src/main/service/logger-port.ts'

/** A LoggerPort that keeps every line with its level, for the tests to read. */
export function recordingLogger(): LoggerPort & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = []
  return {
    lines,
    info: (message) => void lines.push({ level: 'info', message }),
    warn: (message) => void lines.push({ level: 'warn', message }),
    error: (message) => void lines.push({ level: 'error', message })
  }
}
