import type { AppApi, Result } from '../../common/api.ts'
import type { DragPort, ShellPort } from './app-service-types.ts'
import { FILE_NOT_ALLOWED } from './file-access-policy.ts'
import type { FileAccess } from './file-access-policy.ts'
import type { OutputFolder } from './output-folder-policy.ts'

export interface FileActionsOptions {
  fileAccess: FileAccess
  outputFolder: OutputFolder
  shell: ShellPort
  /** Without it (outside Electron), dragging a file out is refused. */
  drag?: DragPort
}

export type FileActions = Pick<AppApi, 'openFolder' | 'showInFolder' | 'startDrag' | 'openImage'>

/**
 * What the window may ask the system to open, reveal or drag out: the output folder, and
 * only files the app's runs saved (file-access-policy.ts decides which).
 */
export function createFileActions({
  fileAccess,
  outputFolder,
  shell,
  drag
}: FileActionsOptions): FileActions {
  async function withSavedFile(
    file: unknown,
    act: (path: string) => Promise<Result<void>>
  ): Promise<Result<void>> {
    const found = await fileAccess.resolve(file)
    return found ? act(found) : { ok: false, error: FILE_NOT_ALLOWED }
  }

  return {
    async openFolder() {
      const dir = await outputFolder.prepare()
      if (!dir.ok) return dir
      const error = await shell.openPath(dir.value)
      return error
        ? { ok: false, error: `The folder could not be opened: ${error}` }
        : { ok: true, value: undefined }
    },

    showInFolder: (file) =>
      withSavedFile(file, async (path) => {
        shell.showItemInFolder(path)
        return { ok: true, value: undefined }
      }),

    startDrag: (file) =>
      withSavedFile(file, async (path) => {
        if (!drag) return { ok: false, error: 'Dragging a file out needs the desktop app' }
        drag.startDrag(path)
        return { ok: true, value: undefined }
      }),

    openImage: (file) =>
      withSavedFile(file, async (path) => {
        // An SVG opens in a browser, where a file: page can read what is beside it (issue 19.5).
        if (/\.svgz?$/i.test(path)) {
          shell.showItemInFolder(path)
          return { ok: true, value: undefined }
        }
        const error = await shell.openPath(path)
        return error
          ? { ok: false, error: `The image could not be opened: ${error}` }
          : { ok: true, value: undefined }
      })
  }
}
