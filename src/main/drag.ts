import { nativeImage } from 'electron'
import type { BrowserWindow, NativeImage } from 'electron'
import type { DragPort } from './service/app-service.ts'

/**
 * Drags a saved image out of the window: the service checks the file (only an
 * image the app saved, as for Open), then this starts the system's drag with
 * it. The icon under the pointer is the app's icon, small: decoding a
 * full-size photo on the main process for it would stall the drag.
 */
export function electronDrag(window: () => BrowserWindow | undefined, iconPath: string): DragPort {
  let icon: NativeImage | undefined
  return {
    startDrag(path) {
      const target = window()
      if (!target || target.isDestroyed()) return
      icon ??= nativeImage.createFromPath(iconPath).resize({ width: 48, height: 48 })
      target.webContents.startDrag({ file: path, icon })
    }
  }
}
