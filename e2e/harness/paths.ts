import { join, resolve } from 'node:path'

/** The repository root. */
export const REPO = resolve(import.meta.dirname, '../..')
/** What `npm run build` (electron-vite) makes. */
export const RENDERER_DIR = join(REPO, 'out/renderer')
export const MAIN_ENTRY = join(REPO, 'out/main/index.js')
/** Git-ignored: traces, failure screenshots, screenshots of key states, the HTML report. */
export const ARTIFACTS = join(REPO, 'e2e/artifacts')
export const SCREENS = join(ARTIFACTS, 'screens')
