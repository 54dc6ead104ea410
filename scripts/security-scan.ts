/**
 * Runs electronegativity over the sources and the built app, and fails on any
 * finding of medium severity or above, and on any file it could not read.
 *
 * Usage: `node scripts/security-scan.ts [folder...]`; without folders it scans
 * `src/` and `out/` (run `npm run build` first).
 *
 * - **Parse errors fail the scan.** electronegativity reports a file its parser
 *   cannot read in `errors` and checks nothing in it: a file that sets
 *   `contextIsolation: false` next to a syntax it does not know gave 0 findings
 *   and exit 0. A file that cannot be checked is not a file that passed.
 * - **`out/` is scanned as well as `src/`:** it is what ships. Its bundles hold
 *   code `src/` does not (undici in the main bundle; React, zod and recharts in
 *   the renderer's), the web preferences with build-time values folded in,
 *   and the renderer's `index.html` with the CSP as built. Two findings appear
 *   there that `src/` does not have, and each is let through by
 *   BUILT_FINDINGS below only where its line is the one it justifies:
 *   - `PRELOAD_JS_CHECK` on `preload: options.preload`: the bundler strips the
 *     `eng-disable` comment that justifies it in src/main/window.ts
 *     (SECURITY.md, item 20);
 *   - `DANGEROUS_FUNCTIONS_JS_CHECK` on `await setTimeout(ms, …)`: the sources
 *     import `setTimeout as sleep` from `node:timers/promises`, and the bundle
 *     names it `setTimeout` again, which the check takes for the global that
 *     can evaluate a string. The promise version only waits.
 *
 *   - `OPEN_EXTERNAL_JS_CHECK` on the two calls that open an unsplash.com page
 *     (src/main/ports.ts, src/main/service/unsplash/unsplash-calls.ts): each
 *     follows its own `isUnsplashPage` check (https on unsplash.com exactly),
 *     and the bundle keeps that check; the sources carry `eng-disable`.
 *
 *   Any other finding in `out/` fails as it would in `src/`.
 * - **`out/` is read as lowered to ES2021.** The bundled undici uses private
 *   class fields (`#target`), which electronegativity's tree walker does not
 *   know ("Unknown node type ClassPrivateProperty"): whole bundles went
 *   unchecked. The scan reads a copy of `out/` whose JavaScript oxc (Vite's
 *   own compiler, through rolldown) has lowered to ES2021: the same code, with
 *   private fields as WeakMaps. A file oxc cannot read fails the scan. Line
 *   numbers are the copy's, so each finding also quotes its line.
 */
import { existsSync } from 'node:fs'
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { transformSync } from 'rolldown/experimental'

interface Finding {
  id: string
  file: string
  location: { line: number; column: number }
  description: string
  severity: { value: number; name: string }
  confidence: { name: string }
}
interface ParseError {
  file: string
  message: string
  tolerable: boolean
}
type Run = (
  options: Record<string, unknown>
) => Promise<{ issues?: Finding[]; errors?: ParseError[] }>

interface BuiltFinding {
  id: string
  /** The file, relative to the scanned `out/` folder. */
  file: RegExp
  /** True when the flagged line is the one justified (given the line and the whole file). */
  matches(line: string, fileText: string): boolean
}

/** Findings the build introduces, each allowed only on the line it justifies (see above). */
const BUILT_FINDINGS: BuiltFinding[] = [
  {
    id: 'PRELOAD_JS_CHECK',
    file: /^main\/index\.js$/,
    matches: (line) => /\bpreload: options\.preload\b/.test(line)
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: /^main\/index\.js$/,
    matches(line, fileText) {
      if (/^\s*await shell\.openExternal\(url\);?\s*$/.test(line)) {
        return /if \(!isUnsplashPage\(url\)\) throw /.test(fileText)
      }
      if (/^\s*await options\.openExternal\(url\.value\);?\s*$/.test(line)) {
        return /if \(!isUnsplashPage\(url\.value\)\) return /.test(fileText)
      }
      return false
    }
  },
  {
    id: 'DANGEROUS_FUNCTIONS_JS_CHECK',
    file: /^(main|cli)\/([\w-]+|chunks\/[\w-]+)\.js$/,
    matches(line, fileText) {
      // The local name the bundle gives node:timers/promises' setTimeout, if it imports it.
      const imported =
        /import \{[^}]*\bsetTimeout(?: as ([\w$]+))?\s*(?:,[^}]*)?\} from "node:timers\/promises"/.exec(
          fileText
        )
      if (!imported) return false
      const local = (imported[1] ?? 'setTimeout').replace(/\$/g, '\\$')
      // A call whose first argument is not a string: `await setTimeout(wait, …)`.
      return new RegExp(`\\bawait ${local}\\((?!\\s*['"\`])`).test(line)
    }
  }
]

const MEDIUM = 2
const require = createRequire(import.meta.url)
const root = join(import.meta.dirname, '..')
const electronVersion = (
  require(join(root, 'node_modules/electron/package.json')) as { version: string }
).version
const imported = require('@doyensec/electronegativity') as Run | { default: Run }
const run: Run = typeof imported === 'function' ? imported : imported.default

const given = process.argv.slice(2).filter((arg) => arg !== '--')
const folders =
  given.length > 0 ? given.map((dir) => resolve(dir)) : [join(root, 'src'), join(root, 'out')]
const builtFolder = given.length > 0 ? undefined : join(root, 'out')
let failed = false
const fail = (message: string): void => {
  failed = true
  console.log(message)
}

for (const folder of folders) {
  if (!existsSync(folder)) {
    fail(`${folder} does not exist${folder === builtFolder ? ': run `npm run build` first' : ''}`)
  }
}

const shown = (file: string): string => (isAbsolute(file) ? relative(root, file) : file)

/** A copy of a built folder with its JavaScript lowered to ES2021 (see above). */
async function loweredCopy(folder: string): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'cid-scan-'))
  await cp(folder, copy, { recursive: true })
  const entries = await readdir(copy, { recursive: true, withFileTypes: true })
  for (const entry of entries) {
    if (!entry.isFile() || !['.js', '.cjs', '.mjs'].includes(extname(entry.name))) continue
    const file = join(entry.parentPath, entry.name)
    const lowered = transformSync(file, await readFile(file, 'utf8'), { target: 'es2021' })
    if (lowered.errors.length > 0) {
      const where = shown(join(folder, relative(copy, file)))
      fail(`could not lower ${where} for the scan: ${lowered.errors[0]!.message}`)
    }
    await writeFile(file, lowered.code)
  }
  return copy
}

/** The flagged line and its whole file ('' for a global finding, which has no file). */
async function lineOf(finding: Finding): Promise<{ text: string; file: string }> {
  if (!isAbsolute(finding.file)) return { text: '', file: '' }
  const file = await readFile(finding.file, 'utf8').catch(() => '')
  return { text: file.split('\n')[finding.location.line - 1] ?? '', file }
}

function isJustifiedInBuild(
  folder: string,
  finding: Finding,
  line: { text: string; file: string }
): boolean {
  const file = relative(folder, finding.file).split(sep).join('/')
  return BUILT_FINDINGS.some(
    (rule) => rule.id === finding.id && rule.file.test(file) && rule.matches(line.text, line.file)
  )
}

let lower = 0
let allowed = 0
for (const folder of failed ? [] : folders) {
  const built = folder === builtFolder
  const scanned = built ? await loweredCopy(folder) : folder
  // What a file of the copy is called in the report: its place in out/.
  const named = (file: string): string =>
    built && isAbsolute(file) ? shown(join(folder, relative(scanned, file))) : shown(file)
  // Quiet the tool's banner and its attempt to fetch release lists (there is no network).
  const log = console.log
  console.log = () => undefined
  const result = await run({
    input: scanned,
    isRelative: false,
    electronVersionOverride: electronVersion
  }).finally(() => {
    console.log = log
  })
  for (const error of result.errors ?? []) {
    fail(`could not parse ${named(error.file)}: ${error.message}; nothing in it was checked`)
  }
  for (const finding of result.issues ?? []) {
    if (finding.severity.value < MEDIUM) {
      lower++
      continue
    }
    const line = await lineOf(finding)
    if (built && isJustifiedInBuild(scanned, finding, line)) {
      allowed++
      console.log(`justified in the build: ${finding.id} ${named(finding.file)} (see the script)`)
      continue
    }
    const where = `${named(finding.file)}:${finding.location.line}`
    fail(
      `${finding.severity.name} ${finding.confidence.name} ${finding.id} ${where}: ${finding.description}` +
        (line.text ? `\n    ${line.text.trim().slice(0, 160)}` : '')
    )
  }
  if (built) await rm(scanned, { recursive: true, force: true })
}

console.log(
  `electronegativity (Electron ${electronVersion}) over ${folders.map(shown).join(', ')}: ` +
    (failed ? 'FAILED' : 'passed') +
    ` (${allowed} build finding(s) justified above, ${lower} below medium severity)`
)
process.exitCode = failed ? 1 : 0
