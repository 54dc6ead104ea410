import { TaskFailure } from '../task-error.ts'

interface ErrorWithCode {
  code?: string
  message?: string
  cause?: unknown
}

function codeOf(error: unknown): string | undefined {
  let current = error as ErrorWithCode | undefined
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === 'string') return current.code
    current = current.cause as ErrorWithCode | undefined
  }
  return undefined
}

/** Names a network failure with a stable code; timeouts and resets are worth retrying. */
export function classifyNetworkError(
  error: unknown,
  total: number | null,
  received: number
): TaskFailure {
  const code = codeOf(error)
  const detail = (error as ErrorWithCode | undefined)?.message ?? String(error)
  const options = { transient: true, cause: error }
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new TaskFailure('timeout', 'timed out connecting to the server', options)
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new TaskFailure('timeout', 'timed out waiting for the server to answer', options)
    case 'UND_ERR_BODY_TIMEOUT':
      return new TaskFailure('timeout', `the download stalled after ${received} bytes`, options)
    case 'ECONNREFUSED':
      return new TaskFailure(
        'connect_failed',
        'the server refused the connection (is it running?)',
        {
          cause: error
        }
      )
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new TaskFailure('dns', 'the host name could not be resolved', { cause: error })
    case 'ECONNRESET':
    case 'EPIPE':
      return new TaskFailure('reset', `the connection was reset after ${received} bytes`, options)
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      if (wasReset(error)) {
        return new TaskFailure('reset', `the connection was reset after ${received} bytes`, options)
      }
      if (total !== null && received < total) {
        return new TaskFailure(
          'truncated',
          `the connection closed after ${received} of ${total} bytes`,
          options
        )
      }
      return new TaskFailure('reset', 'the server closed the connection early', options)
    default:
      return new TaskFailure('unknown', detail, { cause: error })
  }
}

/**
 * undici reports a reset in the middle of a body as "other side closed", like a
 * clean close. A reset socket has already lost its peer's address when undici
 * describes it; a socket that was closed cleanly still has it.
 */
function wasReset(error: unknown): boolean {
  let current = error as (ErrorWithCode & { socket?: { remoteAddress?: string } }) | undefined
  for (let depth = 0; current && depth < 4; depth++) {
    if (current.code === 'UND_ERR_SOCKET' && current.socket)
      return current.socket.remoteAddress === undefined
    current = current.cause as typeof current
  }
  return false
}

/** A failure to write the file, or undefined when the error is not about the disk. */
export function classifyWriteError(error: unknown): TaskFailure | undefined {
  const code = codeOf(error)
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new TaskFailure('disk_full', 'the disk is full', { cause: error })
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new TaskFailure('write_failed', 'the output folder is not writable', { cause: error })
    case 'ENOENT':
    case 'ENOTDIR':
      return new TaskFailure('write_failed', 'the output folder no longer exists', { cause: error })
    case 'EISDIR':
      return new TaskFailure('write_failed', 'a folder stands where the file would go', {
        cause: error
      })
    default:
      return undefined
  }
}

/** The day name every HTTP-date form starts with (IMF-fixdate, RFC 850, asctime). */
const HTTP_DATE_START = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s/i

/**
 * Retry-After as milliseconds: delta-seconds or an HTTP date; undefined for
 * anything else. Date.parse alone would read `1.5` or `-1` as a date in 2001 and
 * so skip the backoff.
 */
export function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim()
  if (!text) return undefined
  if (/^\d+$/.test(text)) return Number(text) * 1000
  if (!HTTP_DATE_START.test(text)) return undefined
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}
