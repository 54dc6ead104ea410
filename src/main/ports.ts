import { dialog, shell } from 'electron'
import type { BrowserWindow } from 'electron'
import type { DialogPort, ShellPort } from './service/app-service.ts'

export const electronShell: ShellPort = {
  openPath: (path) => shell.openPath(path),
  showItemInFolder: (path) => shell.showItemInFolder(path)
}

export function electronDialog(window: () => BrowserWindow | undefined): DialogPort {
  return {
    async chooseFolder(defaultPath) {
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
