import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseJsonFile, writeFileAtomic } from './atomic-file.ts'

export const WINDOW_STATE_FILE = 'window-state.json'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  bounds: Rect | undefined
  maximized: boolean
}

export const DEFAULT_SIZE = { width: 1200, height: 800 }
const MIN_VISIBLE = 100

export async function loadWindowState(userDataDir: string): Promise<WindowState> {
  try {
    const data = parseJsonFile(
      await readFile(join(userDataDir, WINDOW_STATE_FILE), 'utf8')
    ) as unknown
    if (typeof data === 'object' && data !== null) {
      const { bounds, maximized } = data as Partial<WindowState>
      return { bounds: isRect(bounds) ? bounds : undefined, maximized: maximized === true }
    }
  } catch {
    // No file yet, or a damaged one: the window opens at its default size.
  }
  return { bounds: undefined, maximized: false }
}

export function saveWindowState(userDataDir: string, state: WindowState): Promise<void> {
  return writeFileAtomic(join(userDataDir, WINDOW_STATE_FILE), JSON.stringify(state))
}

function isRect(value: unknown): value is Rect {
  if (typeof value !== 'object' || value === null) return false
  const r = value as Record<string, unknown>
  return (['x', 'y', 'width', 'height'] as const).every(
    (key) => typeof r[key] === 'number' && Number.isFinite(r[key])
  )
}

/**
 * The saved bounds if enough of the window would show on one of today's
 * displays (a monitor may have been unplugged since), else undefined.
 */
export function boundsOnScreen(bounds: Rect | undefined, workAreas: Rect[]): Rect | undefined {
  if (!bounds || bounds.width < 200 || bounds.height < 150) return undefined
  const visible = workAreas.some((area) => {
    const width =
      Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x)
    const height =
      Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y)
    return width >= MIN_VISIBLE && height >= MIN_VISIBLE
  })
  return visible ? bounds : undefined
}
