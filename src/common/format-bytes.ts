const UNITS = ['B', 'KB', 'MB', 'GB', 'TB']

/**
 * Bytes in binary units (1 KB = 1024 B), as file managers show sizes: `0 B`, `512 B`,
 * `3.5 MB`, `256 KB`. The window and the CLI print sizes with it, so they agree.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B'
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1
  return `${value.toFixed(digits)} ${UNITS[unit]}`
}
