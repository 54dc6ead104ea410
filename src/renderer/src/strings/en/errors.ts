import type { ErrorCode } from '../../../../common/errors.ts'

/**
 * What went wrong, in words: each failure code's short title (state/error-text.ts), a dropped
 * file's problem (state/url-drop.ts), and the error boundary's page.
 */
export const errors = {
  titles: {
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
  } as Partial<Record<ErrorCode, string>>,
  http: (status: string) => `HTTP ${status}`,
  settingsRead: (reason: string) => `Could not read the settings: ${reason}`,
  settingsNotSaved: (reason: string) => `Settings not saved: ${reason}`,
  drop: {
    notTxt: (name: string) => `${name} is not a .txt list of URLs`,
    tooBig: (name: string) => `${name} is over 2 MB, too big for a list of URLs`,
    unreadable: (names: string) => `Could not read ${names}`,
    textTooBig: 'The dropped text is over 2 MB',
    empty: 'Nothing to add: the drop held no text'
  },
  boundary: {
    title: 'Something went wrong in the window',
    text: (message: string) =>
      `${message}. A run in progress goes on in the background: reload the window to see it again. The error is written to the app’s log (Help › Open Logs Folder).`,
    reload: 'Reload',
    copy: 'Copy details',
    copied: 'Copied to the clipboard.',
    copyFailed: 'Could not copy: select the details below instead.',
    details: 'Error details'
  }
}
