import { Menu } from 'electron'
import type { ContextMenuParams, MenuItemConstructorOptions, WebContents } from 'electron'

/**
 * The items of a text field's right-click menu, each enabled as Chromium's
 * edit flags say (Paste only with something to paste, Cut only in an editable
 * selection...). None outside a text field: the page's own elements have their
 * own actions.
 */
export function textFieldMenuItems(params: ContextMenuParams): MenuItemConstructorOptions[] {
  if (!params.isEditable && !params.selectionText) return []
  const flags = params.editFlags
  const items: MenuItemConstructorOptions[] = [
    { role: 'cut', label: 'Cut', enabled: flags.canCut && params.isEditable },
    { role: 'copy', label: 'Copy', enabled: flags.canCopy },
    { role: 'paste', label: 'Paste', enabled: flags.canPaste && params.isEditable },
    { type: 'separator' },
    { role: 'selectAll', label: 'Select All', enabled: flags.canSelectAll }
  ]
  // In read-only text only Copy and Select All make sense.
  return params.isEditable
    ? items
    : items.filter((item) => item.role === 'copy' || item.role === 'selectAll')
}

/** Cut, Copy, Paste and Select All on a right click in the window's text fields. */
export function attachTextContextMenu(contents: WebContents): void {
  contents.on('context-menu', (_event, params) => {
    const items = textFieldMenuItems(params)
    if (items.length === 0) return
    Menu.buildFromTemplate(items).popup()
  })
}
