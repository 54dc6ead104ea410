import type { ErrorCode, TaskError } from '../common/errors.ts'
import { urlError } from '../common/url-list.ts'

/** A task's failure with a stable code and a message for people. */
export class TaskFailure extends Error implements TaskError {
  readonly code: ErrorCode
  /** Worth another attempt: a timeout, a reset, 408, 429 or 5xx. */
  readonly transient: boolean
  /** Seconds the server asked to wait (Retry-After), if it did. */
  readonly retryAfterMs: number | undefined

  constructor(
    code: ErrorCode,
    message: string,
    options: { transient?: boolean; retryAfterMs?: number; cause?: unknown } = {}
  ) {
    super(message, { cause: options.cause })
    this.name = 'TaskFailure'
    this.code = code
    this.transient = options.transient ?? false
    this.retryAfterMs = options.retryAfterMs
  }
}

/** The failure of a URL that cannot be downloaded, or undefined when it can. */
export function invalidUrlFailure(url: string): TaskFailure | undefined {
  const error = urlError(url)
  return error && new TaskFailure(error.code, error.message)
}

export class CancelledError extends TaskFailure {
  constructor(message = 'cancelled before it finished') {
    super('cancelled', message)
    this.name = 'CancelledError'
  }
}

/** Any thrown value as a TaskError, for events and for crossing a thread boundary. */
export function toTaskError(error: unknown): TaskError {
  if (error instanceof TaskFailure) return { code: error.code, message: error.message }
  if (error instanceof Error && error.name === 'AbortError') {
    return { code: 'cancelled', message: 'cancelled before it finished' }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'unknown', message }
}

/** Rebuilds a failure that came back from a worker thread as plain data. */
export function fromTaskError(error: TaskError): TaskFailure {
  return error.code === 'cancelled'
    ? new CancelledError(error.message)
    : new TaskFailure(error.code, error.message)
}
