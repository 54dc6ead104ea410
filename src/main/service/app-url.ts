import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface AppLocation {
  /** The Vite dev server's URL while developing (ELECTRON_RENDERER_URL). */
  devServerUrl?: string
  /** The built renderer's index.html. */
  indexHtml: string
}

/** True when a URL is our own window's page: the IPC sender check and the navigation guard. */
export function isAppUrl(url: string, location: AppLocation): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (location.devServerUrl) {
    try {
      if (parsed.origin === new URL(location.devServerUrl).origin) return true
    } catch {
      // A malformed dev URL trusts nothing.
    }
  }
  if (parsed.protocol !== 'file:') return false
  try {
    return resolve(fileURLToPath(parsed)) === resolve(location.indexHtml)
  } catch {
    return false
  }
}
