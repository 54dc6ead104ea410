export { formatBytes } from '../../../common/format-bytes.ts'

/*
 * Numbers and times in the user's locale, through Intl: `1.5 s` in English, `1,5 s` in German. The
 * locale is the runtime's default (the app's locale in Electron); tests may pass one. Formatters
 * are made once a locale and digit count, as a run's redraws format many values.
 */
const numberFormats = new Map<string, Intl.NumberFormat>()

/** `value` with exactly `digits` decimals, grouped as the locale groups thousands. */
export function formatNumber(value: number, digits: number, locale?: string): string {
  const key = `${locale ?? ''}|${digits}`
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits
    })
    numberFormats.set(key, format)
  }
  // Rounded as toFixed rounds (the binary value), so a figure reads the same in every locale.
  return format.format(Number(value.toFixed(digits)))
}

/** A wall-clock time of day, hours and minutes, as the locale writes it: `14:05` or `2:05 PM`. */
export function formatClock(epochMs: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(epochMs)
}

/** A wall-clock time of day with seconds, for a run's full name. */
export function formatClockSeconds(epochMs: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(epochMs)
}

/** `0.42 s`, `4.2 s`, `1 min 05 s`. */
export function formatSeconds(ms: number, locale?: string): string {
  const seconds = Math.max(0, ms) / 1000
  if (seconds < 10) return `${formatNumber(seconds, 2, locale)} s`
  if (seconds < 60) return `${formatNumber(seconds, 1, locale)} s`
  const minutes = Math.floor(seconds / 60)
  const rest = Math.floor(seconds % 60)
  return `${minutes} min ${String(rest).padStart(2, '0')} s`
}

/** Python's `round(x, 2)` printed with str(): `5.0`, `2.01`, `1.5`. */
export function pythonRound2(seconds: number): string {
  const rounded = Math.round(seconds * 100) / 100
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded)
}

export function formatRate(value: number, unit: string, locale?: string): string {
  if (!Number.isFinite(value)) return '–'
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2
  return `${formatNumber(value, digits, locale)} ${unit}`
}

/** `3.2×`: how many times faster. */
export function formatSpeedup(speedup: number, locale?: string): string {
  return `${formatNumber(speedup, 1, locale)}×`
}

/** The last path segment of a URL or file path, for captions. */
export function baseName(path: string): string {
  const trimmed = path.replace(/[/\\]+$/, '')
  const slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'))
  return slash >= 0 ? trimmed.slice(slash + 1) : trimmed
}

/** `photo-1516…fd2c41f4a759.jpg`: both ends of a long name, where names differ. */
export function middleEllipsis(text: string, max: number): string {
  if (text.length <= max) return text
  const tail = Math.ceil((max - 1) * 0.55)
  return `${text.slice(0, max - 1 - tail)}…${text.slice(-tail)}`
}

/** The end of a long path, from a folder boundary: `…/Pictures/Downloads`. */
export function shortenPath(path: string, max: number): string {
  if (path.length <= max) return path
  const tail = path.slice(-(max - 1))
  const cut = tail.search(/[/\\]/)
  return `…${cut > 0 ? tail.slice(cut) : tail}`
}
