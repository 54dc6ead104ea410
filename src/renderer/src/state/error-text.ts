import { isHttpErrorCode, type ErrorCode } from '../../../common/errors.ts'
import { formatBytes } from './format.ts'

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

/** A failure's message with its byte counts as the rest of the window shows sizes: `after 64 KB`. */
export function readableMessage(message: string): string {
  return message
    .replace(
      /\b(\d+) of (\d+) bytes\b/g,
      (_, a: string, b: string) => `${formatBytes(Number(a))} of ${formatBytes(Number(b))}`
    )
    .replace(/\b(\d{4,}) bytes\b/g, (_, n: string) => formatBytes(Number(n)))
}

/** The host of a URL, or '' for a line that is not one. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return ''
  }
}

/** Failures that say the network itself is out of reach, not the image. */
export function isNetworkFailure(code: ErrorCode): boolean {
  return code === 'dns' || code === 'connect_failed'
}
