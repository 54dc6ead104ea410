import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** The colour tokens of tokens.css, light (the first :root) and dark (the one in prefers-color-scheme). */
function tokens(): { light: Record<string, string>; dark: Record<string, string> } {
  const css = readFileSync(
    join(import.meta.dirname, '../../src/renderer/src/styles/tokens.css'),
    'utf8'
  )
  const read = (block: string): Record<string, string> =>
    Object.fromEntries(
      [...block.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]])
    )
  const light = read(css.slice(0, css.indexOf('@media (prefers-color-scheme: dark)')))
  const darkStart = css.indexOf('@media (prefers-color-scheme: dark)')
  const dark = { ...light, ...read(css.slice(darkStart, css.indexOf('\n}\n', darkStart))) }
  return { light, dark }
}

const channels = (hex: string): number[] =>
  [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
const luminance = (rgb: number[]): number => {
  const [r, g, b] = rgb.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}
const contrast = (a: number[], b: number[]): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}
/** color-mix(in srgb, a p%, b). */
const mix = (a: number[], p: number, b: number[]): number[] =>
  a.map((c, i) => c * p + b[i]! * (1 - p))

describe('colour contrast of the window (WCAG)', () => {
  for (const [theme, t] of Object.entries(tokens())) {
    const surface = channels(t['--surface']!)
    it(`${theme}: the Finished pill's text is at least 4.5:1 on its tint`, () => {
      const tint = mix(channels(t['--ok']!), 0.15, surface)
      expect(contrast(channels(t['--ok-text']!), tint)).toBeGreaterThanOrEqual(4.5)
    })

    it(`${theme}: chart and timeline bars are at least 3:1 against the card`, () => {
      for (const name of ['--c-sequential', '--c-workers', '--c-pool', '--c-ideal']) {
        const bar = channels(t[name]!)
        expect(contrast(bar, surface), name).toBeGreaterThanOrEqual(3)
        // Every other bar of a lane is a shade lighter, to tell neighbours apart.
        expect(
          contrast(mix(bar, 0.85, surface), surface),
          `${name}, alternate`
        ).toBeGreaterThanOrEqual(3)
      }
    })
  }
})
