import type { AppApi } from '../common/api.ts'

declare global {
  interface Window {
    /** The main process, as the preload exposes it: named functions over IPC. */
    api: AppApi
  }
}
