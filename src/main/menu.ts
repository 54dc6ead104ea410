import { Menu } from 'electron'
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../common/api.ts'

export interface MenuActions {
  /** Asks the window to carry out a command (it holds the run's form). */
  send(command: MenuCommand): void
  openOutputFolder(): void
  /** Help › Open Logs Folder: where main.log is, for a bug report. */
  openLogsFolder(): void
}

/** The usual menus, plus Run › Start (Ctrl/Cmd+Enter) and Cancel (Ctrl/Cmd+.). */
export function buildAppMenu(
  actions: MenuActions,
  options: { isMac: boolean; isDev: boolean }
): Menu {
  const run: MenuItemConstructorOptions = {
    label: '&Run',
    submenu: [
      {
        label: 'Start Run',
        accelerator: 'CmdOrCtrl+Enter',
        click: () => actions.send('start-run')
      },
      // Escape is left to the window, where it also closes dialogs; Cmd+. is the macOS "stop".
      { label: 'Cancel Run', accelerator: 'CmdOrCtrl+.', click: () => actions.send('cancel-run') },
      { type: 'separator' },
      {
        label: 'Open Output Folder',
        accelerator: 'CmdOrCtrl+Shift+O',
        click: () => actions.openOutputFolder()
      }
    ]
  }
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(options.isDev
        ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' }
    ]
  }
  const template: MenuItemConstructorOptions[] = [
    ...(options.isMac ? [{ role: 'appMenu' } as const] : []),
    options.isMac ? { role: 'fileMenu' } : { label: '&File', submenu: [{ role: 'quit' }] },
    { role: 'editMenu' },
    run,
    view,
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Open Logs Folder', click: () => actions.openLogsFolder() },
        { type: 'separator' },
        { role: 'about' }
      ]
    }
  ]
  return Menu.buildFromTemplate(template)
}
