/**
 * Channels beyond src/common/channels.ts, proposed for it (see the report of issue 3).
 * Kept free of imports so that the preload can share it.
 */
export const EXTRA_CHANNELS = {
  /** invoke: one-time notices for the user; returns string[]. */
  getNotices: 'app:get-notices',
  /** main -> window: a menu item that the window carries out; payload MenuCommand. */
  menuCommand: 'menu:command'
} as const

export const MENU_COMMANDS = ['start-run', 'cancel-run'] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]
