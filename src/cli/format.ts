/** Seconds as the tutorial prints them: Python's round(x, 2), so 1.5, 2.01, 5.0. */
export function pythonSeconds(ms: number): string {
  const rounded = Math.round(ms / 10) / 100
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded)
}

export { formatBytes } from '../common/format-bytes.ts'

/** A plain text table, columns padded, numbers right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length))
  )
  const isNumeric = (column: number): boolean =>
    rows.every((row) => /^[\d.,×x%+-]+\s*\w*$/.test(row[column] ?? ''))
  const line = (row: string[]): string =>
    row
      .map((cell, column) =>
        isNumeric(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)
      )
      .join('  ')
      .trimEnd()
  return [
    line(header),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map(line)
  ].join('\n')
}
