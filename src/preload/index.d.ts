import type { AppApi } from '../common/api.ts'
import type { MenuCommand } from '../main/service/extra-channels.ts'

/** What the preload adds to AppApi (proposed for src/common/api.ts). */
export interface PreloadExtras {
  getNotices(): Promise<string[]>
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
}

/** `window.api` as the preload exposes it. */
export type PreloadApi = AppApi & PreloadExtras

declare global {
  interface Window {
    /** The main process, as the preload exposes it: named functions over IPC. */
    api: AppApi
  }
}
