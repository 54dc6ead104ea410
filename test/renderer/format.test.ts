import { describe, expect, it } from 'vitest'
import {
  formatClock,
  formatNumber,
  formatRate,
  formatSeconds,
  formatSpeedup
} from '../../src/renderer/src/state/format.ts'

describe('numbers and times in the user’s locale (Intl)', () => {
  it('writes decimals and thousands as the locale does', () => {
    expect(formatSeconds(1500, 'en-US')).toBe('1.50 s')
    expect(formatSeconds(1500, 'de-DE')).toBe('1,50 s')
    expect(formatSeconds(12_340, 'fr-FR')).toBe('12,3 s')
    expect(formatRate(1234.5, 'img/s', 'en-US')).toBe('1,235 img/s')
    expect(formatRate(1234.5, 'img/s', 'de-DE')).toBe('1.235 img/s')
    expect(formatSpeedup(3.25, 'de-DE')).toBe('3,3×')
    expect(formatNumber(0.5, 2, 'en-GB')).toBe('0.50')
  })

  it('keeps the minutes form and the dash for a rate that cannot be told', () => {
    expect(formatSeconds(65_000, 'de-DE')).toBe('1 min 05 s')
    expect(formatRate(Number.POSITIVE_INFINITY, 'MB/s', 'en-US')).toBe('–')
  })

  it('writes a time of day as the locale does: 24-hour or AM/PM', () => {
    const at = new Date(2026, 0, 2, 14, 5).getTime()
    expect(formatClock(at, 'de-DE')).toBe('14:05')
    expect(formatClock(at, 'en-US')).toMatch(/^02:05\s?PM$/)
  })
})
