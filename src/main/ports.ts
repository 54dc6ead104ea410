import { appendFileSync } from 'node:fs'
import { app, dialog, safeStorage, shell } from 'electron'
import type { BrowserWindow } from 'electron'
import type { DialogPort, ShellPort } from './service/app-service.ts'
import { isUnsplashPage } from './service/unsplash/unsplash-calls.ts'
import type { OpenExternal } from './service/unsplash/unsplash-calls.ts'
import type { SecretCipher } from './service/unsplash/unsplash-store.ts'

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

/** The system browser, for unsplash.com pages only (the service computes them; this checks again). */
export const electronOpenExternal: OpenExternal = async (url) => {
  if (!isUnsplashPage(url)) throw new Error('Only unsplash.com pages open')
  if (recordTo) return record('openExternal', url)
  await shell.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK: https unsplash.com only, checked above
}

/**
 * The Unsplash key at rest: safeStorage (Keychain, DPAPI, kwallet or libsecret). On Linux without
 * a keyring safeStorage falls back to `basic_text`, a fixed key: that counts as no encryption,
 * and the key then lasts the session instead.
 */
export const electronSecretCipher: SecretCipher = {
  canEncrypt: () =>
    safeStorage.isEncryptionAvailable() &&
    (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
  encrypt: (text) => safeStorage.encryptString(text),
  decrypt: (data) => safeStorage.decryptString(data)
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
