import { isHttpErrorCode, type ErrorCode } from '../../../common/errors.ts'
import { strings } from '../strings/index.ts'
import { formatBytes } from './format.ts'

const TITLES: Partial<Record<ErrorCode, string>> = strings.errors.titles

/** A short title for a failure code: `HTTP 404`, `Timed out`. */
export function errorTitle(code: ErrorCode): string {
  if (isHttpErrorCode(code)) return strings.errors.http(code.slice(5))
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
