import { app, session } from 'electron'
import { isAppUrl } from './service/app-url.ts'
import type { AppLocation } from './service/app-url.ts'

/**
 * For every web contents: no new windows, no navigation away from our page, no
 * <webview>; and no permission (camera, notifications from the page...) is granted.
 */
export function lockDownWebContents(location: AppLocation): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, location)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, location)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false)
  )
  session.defaultSession.setPermissionCheckHandler(() => false)
}
