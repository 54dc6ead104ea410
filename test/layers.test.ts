import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { cruise } from 'dependency-cruiser'
import type { ICruiseResult, IConfiguration } from 'dependency-cruiser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The layer table is .dependency-cruiser.cjs (docs/ARCHITECTURE.md explains it).
 * These tests read it: the tree keeps it, and every row catches the imports its layer
 * must not make, so no row is a rule in name only.
 */
interface LayerRow {
  layer: string
  folder: string
  may: string[]
  node: boolean
  electron: boolean
  why: string
}

const root = join(import.meta.dirname, '..')
const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as IConfiguration & {
  layers: LayerRow[]
}
const FOLDERS = ['src', 'bench', 'e2e', 'test', 'scripts']

async function cruiseIn(baseDir: string, folders: string[]): Promise<ICruiseResult> {
  const { output } = await cruise(folders, {
    ...config.options,
    ruleSet: { forbidden: config.forbidden },
    validate: true,
    baseDir
  })
  if (typeof output === 'string') throw new Error('dependency-cruiser gave text, not a result')
  return output
}

const violationsOf = (result: ICruiseResult): string[] =>
  result.summary.violations.map(({ rule, from, to }) => `${rule.name}: ${from} -> ${to}`)

describe('the layer table', () => {
  it('holds for every file of the project', async () => {
    const result = await cruiseIn(root, FOLDERS)
    expect(result.summary.totalCruised).toBeGreaterThan(200)
    expect(violationsOf(result)).toEqual([])
  })

  it('covers every folder the project has code in', () => {
    const folders = config.layers.map((row) => row.folder)
    for (const folder of [
      'src/common',
      'src/engine',
      'src/engine/simulated-cdn',
      'src/cli',
      'src/main',
      'src/main/service',
      'src/preload',
      'src/renderer',
      'test/helpers',
      ...FOLDERS.filter((folder) => folder !== 'src')
    ]) {
      expect(folders).toContain(folder)
    }
  })

  it('is the table docs/ARCHITECTURE.md shows, row for row', async () => {
    const text = await readFile(join(root, 'docs/ARCHITECTURE.md'), 'utf8')
    const table = /<!-- layer-table:start -->([\s\S]*?)<!-- layer-table:end -->/.exec(text)?.[1]
    expect(table, 'the layer-table markers in docs/ARCHITECTURE.md').toBeDefined()
    const shown = (table ?? '')
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .slice(2)
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim())
      )
    const yes = (allowed: boolean): string => (allowed ? 'yes' : 'no')
    expect(shown).toEqual(
      config.layers.map((row) => [
        row.layer,
        `\`${row.folder}/\``,
        row.may.join(', '),
        yes(row.node),
        yes(row.electron),
        row.why
      ])
    )
  })

  describe('catches what it forbids, in a copy of the tree made to break it', () => {
    let fixture = ''
    let found: string[] = []
    /** Each bad import as `from -> to`, with the rules that must name it. */
    const expected: { edge: string; rule: RegExp }[] = []

    beforeAll(async () => {
      // Inside the checkout, so that `electron` resolves from node_modules as it does in src.
      await mkdir(join(root, '.tmp'), { recursive: true })
      fixture = await mkdtemp(join(root, '.tmp', 'layers-'))
      const files = new Map<string, string[]>()
      const fileOf = (row: LayerRow): string => `${row.folder}/${row.layer}-module.ts`
      const add = (file: string, line: string): void => {
        files.set(file, [...(files.get(file) ?? []), line])
      }
      const relativeTo = (from: string, to: string): string => {
        const up = from.split('/').length - 1
        return `${'../'.repeat(up)}${to}`
      }
      for (const row of config.layers) files.set(fileOf(row), ['export const here = 1'])
      for (const row of config.layers) {
        const from = fileOf(row)
        for (const other of config.layers.filter((o) => !row.may.includes(o.layer))) {
          add(from, `import '${relativeTo(from, fileOf(other))}'`)
          expected.push({ edge: `${from} -> ${fileOf(other)}`, rule: new RegExp(`^${row.layer}-`) })
        }
        if (!row.node) {
          add(from, `import 'node:fs'`)
          expected.push({ edge: `${from} -> fs`, rule: new RegExp(`^${row.layer}-no-node$`) })
        }
        if (!row.electron) {
          add(from, `import 'electron'`)
          expected.push({
            edge: `${from} -> ${relative(fixture, join(root, 'node_modules/electron/index.js'))}`,
            rule: new RegExp(`^${row.layer}-no-electron$`)
          })
        }
      }
      // A circle inside one layer, a file in no layer, and an import of nothing.
      files.set('src/common/a.ts', [`import './b.ts'`])
      files.set('src/common/b.ts', [`import type {} from './a.ts'`])
      expected.push({ edge: 'src/common/a.ts -> src/common/b.ts', rule: /^no-import-cycles$/ })
      files.set('stray/loose.ts', [`import '../src/common/common-module.ts'`])
      expected.push({
        edge: 'stray/loose.ts -> src/common/common-module.ts',
        rule: /^every-file-in-a-layer$/
      })
      files.set('src/cli/typo.ts', [`import './no-such-file.ts'`])
      expected.push({
        edge: 'src/cli/typo.ts -> ./no-such-file.ts',
        rule: /^no-unresolvable-import$/
      })
      // The issue's own example: the Electron wiring reaching into the CLI.
      files.set('src/cli/format.ts', ['export const format = 1'])
      files.set('src/main/menu.ts', [`import '../cli/format.ts'`])
      expected.push({ edge: 'src/main/menu.ts -> src/cli/format.ts', rule: /^main-imports-only-/ })

      for (const [file, lines] of files) {
        await mkdir(join(fixture, dirname(file)), { recursive: true })
        await writeFile(join(fixture, file), `${lines.join('\n')}\n`)
      }
      found = violationsOf(await cruiseIn(fixture, [...FOLDERS, 'stray']))
    })

    afterAll(async () => {
      if (fixture) await rm(fixture, { recursive: true, force: true })
    })

    it('names every bad import with its layer’s rule', () => {
      expect(expected.length).toBeGreaterThan(50)
      const missed = expected.filter(
        ({ edge, rule }) =>
          !found.some((line) => {
            const [name, foundEdge] = line.split(': ')
            return foundEdge === edge && rule.test(name ?? '')
          })
      )
      expect(missed.map(({ edge, rule }) => `${rule.source} ${edge}`)).toEqual([])
    })
  })
})
