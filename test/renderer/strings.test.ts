import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { en, type Strings } from '../../src/renderer/src/strings/index.ts'
import { plural } from '../../src/renderer/src/strings/helpers.ts'

/*
 * What a translator needs: every word the window shows comes from the catalog
 * (src/renderer/src/strings), so a second catalog of the same type translates all of it. The scan
 * reads each component with the TypeScript parser and lists the text it would show that is not
 * from the catalog: JSX text, and string literals given to a visible attribute (aria-label, title,
 * alt, placeholder, label, legend, hint…) or put straight into the markup.
 */
const COMPONENTS = join(import.meta.dirname, '../../src/renderer/src/components')
const APP = join(import.meta.dirname, '../../src/renderer/src/App.tsx')

/** Attributes whose value a person sees or hears. */
const VISIBLE = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'alt',
  'placeholder',
  'label',
  'legend',
  'hint',
  'summary',
  'startLabel',
  'text'
])

/**
 * What may stay in markup: no letters at all (`·`, `×`, `–`, `$ `), or a unit symbol that every
 * language writes the same way.
 */
const ALLOWED = new Set(['px', 's', 'KiB/s'])

function hasWords(text: string): boolean {
  const trimmed = text.trim()
  return /\p{L}/u.test(trimmed) && !ALLOWED.has(trimmed)
}

/** The literal text an expression would show: its strings, not its conditions or call arguments. */
function shownLiterals(node: ts.Expression): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text]
  if (ts.isTemplateExpression(node)) {
    return [
      node.head.text,
      ...node.templateSpans.flatMap((span) => [
        span.literal.text,
        ...shownLiterals(span.expression)
      ])
    ]
  }
  if (ts.isParenthesizedExpression(node)) return shownLiterals(node.expression)
  if (ts.isConditionalExpression(node)) {
    return [...shownLiterals(node.whenTrue), ...shownLiterals(node.whenFalse)]
  }
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return shownLiterals(node.right)
    if (
      op === ts.SyntaxKind.BarBarToken ||
      op === ts.SyntaxKind.QuestionQuestionToken ||
      op === ts.SyntaxKind.PlusToken
    ) {
      return [...shownLiterals(node.left), ...shownLiterals(node.right)]
    }
  }
  return []
}

/** `file:line: text` for each piece of visible text in a component that is not from the catalog. */
export function hardCodedText(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const found: string[] = []
  const report = (node: ts.Node, text: string): void => {
    if (!hasWords(text)) return
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1
    found.push(`${file}:${line}: ${JSON.stringify(text.trim().replace(/\s+/g, ' '))}`)
  }
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) report(node, node.text)
    if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) {
      for (const text of shownLiterals(node.expression)) report(node, text)
    }
    if (ts.isJsxAttribute(node) && VISIBLE.has(node.name.getText(sf)) && node.initializer) {
      const value = node.initializer
      if (ts.isStringLiteral(value)) report(value, value.text)
      else if (ts.isJsxExpression(value) && value.expression) {
        for (const text of shownLiterals(value.expression)) report(value, text)
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return found
}

function sources(): { file: string; source: string }[] {
  const components = readdirSync(COMPONENTS)
    .filter((name) => name.endsWith('.tsx'))
    .map((name) => ({
      file: `components/${name}`,
      source: readFileSync(join(COMPONENTS, name), 'utf8')
    }))
  return [...components, { file: 'App.tsx', source: readFileSync(APP, 'utf8') }]
}

describe('the window’s strings, ready for translation', () => {
  it('no component shows text of its own: every word comes from the catalog', () => {
    const offenders = sources().flatMap(({ file, source }) => hardCodedText(file, source))
    expect(
      offenders,
      `text to move into src/renderer/src/strings:\n${offenders.join('\n')}`
    ).toEqual([])
  })

  it('the scan finds text in markup, visible attributes and shown expressions, and lets symbols be', () => {
    const source = [
      'export const A = () => (',
      '  <div aria-label="Settings" className="plain" title={busy ? "Busy" : s.idle}>',
      '    <p>Some text</p>',
      "    {done && 'All done'}",
      "    {mode === 'live' ? s.live : s.average}",
      '    <span>{n} × {m} px</span> · {s.cancel}',
      '  </div>',
      ')'
    ].join('\n')
    expect(hardCodedText('A.tsx', source)).toEqual([
      'A.tsx:2: "Settings"',
      'A.tsx:2: "Busy"',
      'A.tsx:3: "Some text"',
      'A.tsx:4: "All done"'
    ])
  })

  it('plurals follow the catalog’s locale through Intl.PluralRules', () => {
    const images = { one: 'image', other: 'images' }
    expect([0, 1, 2, 21].map((n) => plural('en', n, images))).toEqual([
      'images',
      'image',
      'images',
      'images'
    ])
    // A language with more forms picks among them; a missing form falls back to `other`.
    const polish = { one: 'obraz', few: 'obrazy', many: 'obrazów', other: 'obrazu' }
    expect([1, 2, 5, 22, 1.5].map((n) => plural('pl', n, polish))).toEqual([
      'obraz',
      'obrazy',
      'obrazów',
      'obrazy',
      'obrazu'
    ])
  })

  it('a translation is a second object of the same type', () => {
    // Typechecked: a catalog missing a key, or with a function where a string goes, fails `tsc`.
    const copy: Strings = { ...en }
    expect(Object.keys(copy).sort()).toEqual(Object.keys(en).sort())
    expect(en.process.start(1)).toBe('Process 1 image')
    expect(en.download.startCount(15, true)).toBe('Download and process 15 images')
    expect(en.run.cpu.now(1, 1)).toBe('Now: 1 of 1 core busy')
  })
})
