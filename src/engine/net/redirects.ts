import { urlError } from '../../common/url-list.ts'
import { TaskFailure } from '../task-error.ts'

/**
 * The next URL of a redirect, checked by the same rules as the URL the user
 * gave (http or https, no user name or password, not too long), plus one of
 * its own: no step down from https to http unless the user's own URL was http,
 * since a downgrade hands the rest of the download to anyone on the path.
 * Throws a TaskFailure naming the rule; never transient, as the server would
 * send the same Location again.
 */
export function nextRedirectUrl(location: string, current: string, firstUrl: string): string {
  let next: URL
  try {
    next = new URL(location, current)
  } catch {
    throw new TaskFailure('redirect_refused', 'redirected to something that is not a URL')
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new TaskFailure(
      'unsupported_protocol',
      `redirected to a ${next.protocol} URL, which is refused`
    )
  }
  if (next.username || next.password) {
    throw new TaskFailure(
      'redirect_refused',
      'redirected to a URL with a user name or password, which is refused'
    )
  }
  const httpAllowed = new URL(firstUrl).protocol === 'http:'
  if (next.protocol === 'http:' && !httpAllowed) {
    throw new TaskFailure(
      'redirect_refused',
      `redirected from https to plain http (${next.host}), which is refused`
    )
  }
  const text = next.toString()
  const problem = urlError(text)
  if (problem) {
    throw new TaskFailure(
      'redirect_refused',
      `redirected to a URL that is refused: ${problem.message}`
    )
  }
  return text
}
