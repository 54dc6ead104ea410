import { isHttpErrorCode, type ErrorCode } from '../../../common/errors.ts'

const TITLES: Partial<Record<ErrorCode, string>> = {
  invalid_url: 'Invalid URL',
  unsupported_protocol: 'Unsupported protocol',
  dns: 'Host not found',
  connect_failed: 'Could not connect',
  timeout: 'Timed out',
  reset: 'Connection reset',
  truncated: 'Download cut short',
  too_many_redirects: 'Too many redirects',
  redirect_refused: 'Redirect refused',
  stalled: 'Stalled',
  proxy_failed: 'Proxy failed',
  not_image: 'Not an image',
  too_large: 'Too large',
  disk_full: 'Disk full',
  write_failed: 'Could not save',
  cancelled: 'Cancelled',
  unknown: 'Failed'
}

/** A short title for a failure code: `HTTP 404`, `Timed out`. */
export function errorTitle(code: ErrorCode): string {
  if (isHttpErrorCode(code)) return `HTTP ${code.slice(5)}`
  return TITLES[code] ?? code
}
