import { BrowserWindow, Notification, screen } from 'electron'
import type { RunEnded } from './service/runs/run-controller.ts'
import type { AppLocation } from './service/app-url.ts'
import {
  boundsOnScreen,
  DEFAULT_SIZE,
  loadWindowState,
  saveWindowState
} from './service/stores/window-state.ts'

export interface MainWindowOptions {
  preload: string
  location: AppLocation
  userDataDir: string
  icon?: string
}

/** The app's one window: sandboxed, isolated, no Node, opened where it was last closed. */
export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const state = await loadWindowState(options.userDataDir)
  const workAreas = screen.getAllDisplays().map((display) => display.workArea)
  const bounds = boundsOnScreen(state.bounds, workAreas)
  const window = new BrowserWindow({
    ...(bounds ?? DEFAULT_SIZE),
    minWidth: 720,
    minHeight: 500,
    show: false,
    title: 'Concurrent Image Downloader',
    autoHideMenuBar: false,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      // Named functions over contextBridge only (src/preload/index.ts); see SECURITY.md.
      preload: options.preload, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // A middle click must not open a link in a new window.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false
    }
  })
  if (state.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())

  window.on('close', () => {
    // The normal bounds, so that a maximized window comes back to its size when restored.
    void saveWindowState(options.userDataDir, {
      bounds: window.getNormalBounds(),
      maximized: window.isMaximized()
    }).catch(() => undefined)
  })

  if (options.location.devServerUrl) await window.loadURL(options.location.devServerUrl)
  else await window.loadFile(options.location.indexHtml)
  return window
}

/** Taskbar or dock progress while a run goes, and a notification if it ends unseen. */
export function showRunProgress(
  window: BrowserWindow | undefined,
  fraction: number | null,
  ended?: RunEnded
): void {
  if (!window || window.isDestroyed()) return
  window.setProgressBar(fraction === null ? -1 : Math.min(1, Math.max(0, fraction)))
  if (!ended || window.isFocused() || !Notification.isSupported()) return
  const seconds = (ended.elapsedMs / 1000).toFixed(1)
  const parts = [`${ended.ok} done`]
  if (ended.failed) parts.push(`${ended.failed} failed`)
  if (ended.cancelled) parts.push(`${ended.cancelled} cancelled`)
  const notification = new Notification({
    title: ended.cancelled ? 'Run cancelled' : 'Run finished',
    body: `${parts.join(', ')} in ${seconds} s`
  })
  notification.on('click', () => {
    if (window.isDestroyed()) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  notification.show()
}
