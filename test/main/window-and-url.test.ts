import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isAppUrl } from '../../src/main/service/app-url.ts'
import {
  boundsOnScreen,
  loadWindowState,
  saveWindowState
} from '../../src/main/service/stores/window-state.ts'
import { tempDir } from './helpers.ts'

describe('isAppUrl', () => {
  const indexHtml = join('/opt', 'app', 'out', 'renderer', 'index.html')
  const built = { indexHtml }
  const dev = { indexHtml, devServerUrl: 'http://localhost:5173' }

  it('trusts our page only', () => {
    const page = pathToFileURL(indexHtml).href
    expect(isAppUrl(page, built)).toBe(true)
    expect(isAppUrl(`${page}#/history`, built)).toBe(true)
    expect(isAppUrl(pathToFileURL('/opt/app/out/renderer/other.html').href, built)).toBe(false)
    expect(isAppUrl('file:///etc/passwd', built)).toBe(false)
    expect(isAppUrl('https://images.unsplash.com/', built)).toBe(false)
    expect(isAppUrl('http://localhost:5173/', built)).toBe(false)
    expect(isAppUrl('', built)).toBe(false)
    expect(isAppUrl('about:blank', built)).toBe(false)
  })

  it('trusts the dev server while developing', () => {
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppUrl('http://localhost.evil.com:5173/', dev)).toBe(false)
  })
})

describe('window state', () => {
  it('remembers bounds and maximized across a restart', async () => {
    const dir = await tempDir()
    expect(await loadWindowState(dir)).toEqual({ bounds: undefined, maximized: false })
    await saveWindowState(dir, {
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximized: true
    })
    expect(await loadWindowState(dir)).toEqual({
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximized: true
    })
  })

  it('drops bounds that would fall off every display', () => {
    const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }]
    const bounds = { x: 100, y: 100, width: 1000, height: 700 }
    expect(boundsOnScreen(bounds, screen)).toEqual(bounds)
    expect(boundsOnScreen({ ...bounds, x: 2500 }, screen)).toBeUndefined()
    expect(boundsOnScreen({ ...bounds, x: 1880 }, screen)).toBeUndefined()
    expect(boundsOnScreen({ ...bounds, width: 50 }, screen)).toBeUndefined()
    expect(
      boundsOnScreen({ ...bounds, x: 2500 }, [
        ...screen,
        { x: 1920, y: 0, width: 2560, height: 1440 }
      ])
    ).toEqual({
      ...bounds,
      x: 2500
    })
  })
})
