import { join } from 'node:path'
import type { MenuCommand } from '../common/api.ts'
import { CHANNELS } from '../common/channels.ts'
import { app, BrowserWindow, Menu, session } from 'electron'
import type { WebContents } from 'electron'
import icon from '../../resources/icon.png?asset'
// Built from the main config as CommonJS, chunks/worker-<hash>.cjs (scripts/cli-build/worker-thread.ts).
import workerPath from '../engine/threads/worker.ts?modulePath'
import { attachTextContextMenu } from './context-menu.ts'
import { watchCrashes } from './crash-recovery.ts'
import { electronDrag } from './drag.ts'
import { registerIpc } from './ipc.ts'
import { openLogsFolder, startLogging } from './logging.ts'
import { buildAppMenu } from './menu.ts'
import {
  electronDialog,
  electronOpenExternal,
  electronSecretCipher,
  electronShell
} from './ports.ts'
import { handleThumbnailScheme, registerThumbnailSchemePrivileges } from './protocol.ts'
import { guardQuit } from './quit-guard.ts'
import { lockDownWebContents } from './security.ts'
import { createAppService } from './service/app-service.ts'
import type { AppService } from './service/app-service.ts'
import type { AppLocation } from './service/app-url.ts'
import { thumbnailSchemeUrl } from './service/thumbnails/thumbnail-request.ts'
import { createMainWindow, showRunProgress } from './window.ts'

const location: AppLocation = {
  devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
  indexHtml: join(import.meta.dirname, '../renderer/index.html')
}

// e2e tests only, and never in a packaged app
if (!app.isPackaged && process.env.E2E_USER_DATA) app.setPath('userData', process.env.E2E_USER_DATA)
// The OS's logs folder: ~/Library/Logs/<app> on macOS, `logs` in the user data folder elsewhere.
app.setAppLogsPath()
const log = startLogging(app.getPath('logs'))
registerThumbnailSchemePrivileges()
app.enableSandbox()
// Windows shows notifications only for the ID the installer's shortcut carries (electron-builder's appId).
if (process.platform === 'win32') app.setAppUserModelId('dev.concurrent-image-downloader.app')

let service: AppService | undefined
let mainWindow: BrowserWindow | undefined
/** Whether a run goes on, as its events tell: the quit guard asks before cancelling one. */
let running = false

const crashes = watchCrashes({ window: () => mainWindow, logger: log, logFile: log.file })
const quitGuard = guardQuit({
  window: () => mainWindow,
  isRunning: () => running,
  // A run in progress is cancelled (and recorded as interrupted) and the files flushed before exit.
  shutDown: async () => {
    const closing = service
    service = undefined
    await closing?.dispose()
  },
  logger: log
})

function windowContents(): WebContents | undefined {
  return mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : undefined
}

async function openWindow(): Promise<void> {
  mainWindow = await createMainWindow({
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    location,
    userDataDir: app.getPath('userData'),
    icon
  })
  mainWindow.on('closed', () => (mainWindow = undefined))
  crashes.watchWindow(mainWindow)
  quitGuard.watchWindow(mainWindow)
  attachTextContextMenu(mainWindow.webContents)
}

async function start(): Promise<void> {
  lockDownWebContents(location)
  service = await createAppService({
    userDataDir: app.getPath('userData'),
    // Electron's own caches live there too (Chromium's `Cache`, `GPUCache`); thumbnails get `thumbnails`.
    cacheDir: app.getPath('sessionData'),
    defaultOutputDir: join(app.getPath('pictures'), app.getName()),
    appVersion: app.getVersion(),
    workerEntry: workerPath,
    thumbnailUrl: thumbnailSchemeUrl,
    shell: electronShell,
    dialog: electronDialog(() => mainWindow),
    secretCipher: electronSecretCipher,
    openExternal: electronOpenExternal,
    drag: electronDrag(() => mainWindow, icon),
    // Chromium's answer for the system's proxy settings (PAC included); the service turns it into data.
    proxy: { resolve: (url) => session.defaultSession.resolveProxy(url) },
    onRunProgress: (fraction, ended) => showRunProgress(mainWindow, fraction, ended),
    log: (message) => log.warn(message),
    logger: log
  })
  service.onRunEvents((batch) => {
    for (const event of batch) {
      if (event.type === 'run-started') running = true
      else if (event.type === 'run-finished') running = false
    }
  })
  handleThumbnailScheme(service.thumbnailDir)
  registerIpc(service, location, { notices: () => crashes.takeNotices() })
  const send = (command: MenuCommand): void => windowContents()?.send(CHANNELS.menuCommand, command)
  Menu.setApplicationMenu(
    buildAppMenu(
      {
        send,
        openOutputFolder: () => void service?.openFolder(),
        openLogsFolder: () => void openLogsFolder(log)
      },
      { isMac: process.platform === 'darwin', isDev: !app.isPackaged }
    )
  )
  await openWindow()
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  // A start that fails (a store that cannot be read...) is logged, then the app exits.
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error(`could not start: ${(error as Error).stack ?? String(error)}`)
      app.exit(1)
    })

  app.on('activate', () => {
    if (service && BrowserWindow.getAllWindows().length === 0) void openWindow()
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
