/** A number, a fraction (`15/15`), or either with a unit (`1.5 s`, `3.5 MB/s`, `14.00×`, `12%`), or `-`. */
const NUMERIC_CELL = /^(-|[+-]?[\d.,]+(\/[\d.,]+)?\s?([×x%!]|[A-Za-z]+(\/s)?)?)$/

/**
 * A plain text table for a terminal: columns padded, two spaces apart, a rule under the
 * header, and a column right-aligned when every cell in it is a number. The CLI's
 * `compare` and the bench print with it.
 */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length))
  )
  const numeric = header.map((_, column) =>
    rows.every((row) => NUMERIC_CELL.test(row[column] ?? '-'))
  )
  const line = (row: string[]): string =>
    row
      .map((cell, column) => {
        const width = widths[column] ?? 0
        return numeric[column] ? cell.padStart(width) : cell.padEnd(width)
      })
      .join('  ')
      .trimEnd()
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')
  return [line(header), rule, ...rows.map(line)].join('\n')
}
