import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const src = join(import.meta.dirname, '..', 'src')

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
}

function importsOf(text: string): string[] {
  const found: string[] = []
  for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)) {
    if (match[1]) found.push(match[1])
  }
  return found
}

/** DESIGN.md's layers: who may not import whom. The ESLint rule says the same at edit time. */
const FORBIDDEN: Record<string, RegExp[]> = {
  common: [/^electron$/, /^node:/, /\/(engine|main|preload|renderer|cli)\//],
  engine: [/^electron$/, /\/(main|preload|renderer|cli)\//],
  renderer: [/^electron$/, /^node:/, /\/(engine|main|preload|cli)\//],
  cli: [/^electron$/, /\/(main|preload|renderer)\//]
}

describe('layers', () => {
  for (const [layer, patterns] of Object.entries(FORBIDDEN)) {
    it(`src/${layer} imports only what its layer may`, async () => {
      const files = await sourceFiles(join(src, layer))
      expect(files.length).toBeGreaterThan(0)
      const violations: string[] = []
      for (const file of files) {
        for (const specifier of importsOf(await readFile(file, 'utf8'))) {
          if (patterns.some((pattern) => pattern.test(specifier))) {
            violations.push(`${relative(src, file)} imports ${specifier}`)
          }
        }
      }
      expect(violations).toEqual([])
    })
  }
})
