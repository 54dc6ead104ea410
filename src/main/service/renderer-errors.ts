import type { Result } from '../../common/api.ts'
import { errorReportSchema } from '../../common/schemas.ts'
import type { LoggerPort } from './logger-port.ts'
import { describeZodError } from './zod-message.ts'

export interface RendererErrorLogOptions {
  logger: LoggerPort
  /** At most this many reports are logged per `windowMs`; the rest are counted, then said once. */
  limit?: number
  windowMs?: number
  now?: () => number
}

/**
 * Writes the window's error reports to the log. A page that throws in a loop
 * (or a hostile one) gets `limit` lines a minute, then one line saying how
 * many were dropped; control characters are shown escaped, so a report cannot
 * forge a log line of its own.
 */
export function createRendererErrorLog(options: RendererErrorLogOptions): {
  report(payload: unknown): Result<void>
} {
  const limit = options.limit ?? 20
  const windowMs = options.windowMs ?? 60_000
  const now = options.now ?? (() => Date.now())
  let windowStart = -Infinity
  let logged = 0
  let dropped = 0
  return {
    report(payload) {
      const parsed = errorReportSchema.safeParse(payload)
      if (!parsed.success) {
        return { ok: false, error: describeZodError('error report', parsed.error) }
      }
      const at = now()
      if (at - windowStart >= windowMs) {
        if (dropped > 0) {
          options.logger.warn(`renderer: ${dropped} more error report(s) were not logged`)
        }
        windowStart = at
        logged = 0
        dropped = 0
      }
      if (logged >= limit) {
        dropped++
        return { ok: true, value: undefined }
      }
      logged++
      const { kind, message, stack } = parsed.data
      const lines = [`renderer ${kind}: ${oneLine(message)}`]
      if (stack) lines.push(...stack.split(/\r?\n/).map((line) => `    ${oneLine(line)}`))
      options.logger.error(lines.join('\n'))
      return { ok: true, value: undefined }
    }
  }
}

/** Control characters (newlines included) as visible escapes. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}
