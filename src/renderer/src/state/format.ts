export { formatBytes } from '../../../common/format-bytes.ts'

/** `0.42 s`, `4.2 s`, `1 min 05 s`. */
export function formatSeconds(ms: number): string {
  const seconds = Math.max(0, ms) / 1000
  if (seconds < 10) return `${seconds.toFixed(2)} s`
  if (seconds < 60) return `${seconds.toFixed(1)} s`
  const minutes = Math.floor(seconds / 60)
  const rest = Math.floor(seconds % 60)
  return `${minutes} min ${String(rest).padStart(2, '0')} s`
}

/** Python's `round(x, 2)` printed with str(): `5.0`, `2.01`, `1.5`. */
export function pythonRound2(seconds: number): string {
  const rounded = Math.round(seconds * 100) / 100
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded)
}

export function formatRate(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '–'
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2
  return `${value.toFixed(digits)} ${unit}`
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
