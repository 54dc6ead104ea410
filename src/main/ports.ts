import { appendFileSync } from 'node:fs'
import { app, dialog, shell } from 'electron'
import type { BrowserWindow } from 'electron'
import type { DialogPort, ShellPort } from './service/app-service.ts'

/**
 * For the end-to-end tests only (e2e/harness/electron-fixture.ts): with
 * E2E_RECORD_SHELL=<file>, shell and folder-picker calls are appended to that
 * file as JSON lines instead of reaching the desktop, and the picker answers
 * E2E_CHOOSE_FOLDER (or is dismissed). Off unless the variable is set, and always
 * off in a packaged app: a stray variable must not stop a user's app opening folders.
 */
const recordTo = app.isPackaged ? undefined : process.env.E2E_RECORD_SHELL
const record = (call: string, path: string): void =>
  appendFileSync(recordTo!, `${JSON.stringify({ call, path })}\n`)

export const electronShell: ShellPort = recordTo
  ? {
      openPath: async (path) => (record('openPath', path), ''),
      showItemInFolder: (path) => record('showItemInFolder', path)
    }
  : {
      openPath: (path) => shell.openPath(path),
      showItemInFolder: (path) => shell.showItemInFolder(path)
    }

export function electronDialog(window: () => BrowserWindow | undefined): DialogPort {
  return {
    async chooseFolder(defaultPath) {
      if (recordTo) {
        record('chooseFolder', defaultPath)
        return process.env.E2E_CHOOSE_FOLDER || null
      }
      const options: Electron.OpenDialogOptions = {
        title: 'Choose where to save the images',
        defaultPath,
        properties: ['openDirectory', 'createDirectory', 'promptToCreate']
      }
      const parent = window()
      const result = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    }
  }
}
