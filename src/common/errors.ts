/**
 * Stable failure codes: what a script or a test matches on. The message that
 * goes with each is for people and may change.
 */
export const ERROR_CODES = [
  'invalid_url',
  'unsupported_protocol',
  'dns',
  'connect_failed',
  'timeout',
  'reset',
  'truncated',
  'too_many_redirects',
  'redirect_refused',
  'stalled',
  'proxy_failed',
  'not_image',
  'unsupported_encoding',
  'too_large',
  'disk_full',
  'write_failed',
  /** Processing: the input file cannot be read (gone, a link, not a plain file, unreadable). */
  'read_failed',
  /** Processing: the file is an image but its data is damaged or cut short. */
  'corrupt_image',
  /** Processing: an image of a type the processing cannot decode or write (HEIC, BMP, SVG). */
  'unsupported_image',
  /** A pipeline's processing of an image whose download failed. */
  'download_failed',
  'cancelled',
  'unknown'
] as const

/** `http_404`, `http_503`, ... for a final response that is not 2xx. */
export type HttpErrorCode = `http_${number}`
export type ErrorCode = (typeof ERROR_CODES)[number] | HttpErrorCode

export interface TaskError {
  code: ErrorCode
  message: string
}

export function isHttpErrorCode(code: string): code is HttpErrorCode {
  return /^http_\d{3}$/.test(code)
}
