/**
 * Runs electronegativity over the sources and fails on any finding of medium
 * severity or above. A finding is justified in place with an
 * `eng-disable CHECK_ID` comment on its line, next to the reason (SECURITY.md).
 */
import { createRequire } from 'node:module'
import { join } from 'node:path'

interface Finding {
  id: string
  file: string
  location: { line: number; column: number }
  description: string
  severity: { value: number; name: string }
  confidence: { name: string }
}
type Run = (options: Record<string, unknown>) => Promise<{ issues?: Finding[]; errors?: unknown[] }>

const require = createRequire(import.meta.url)
const root = join(import.meta.dirname, '..')
const electronVersion = (
  require(join(root, 'node_modules/electron/package.json')) as { version: string }
).version
const imported = require('@doyensec/electronegativity') as Run | { default: Run }
const run: Run = typeof imported === 'function' ? imported : imported.default

const MEDIUM = 2
// Quiet the tool's banner and its attempt to fetch release lists (there is no network).
const log = console.log
console.log = () => undefined
const result = await run({
  input: join(root, 'src'),
  isRelative: true,
  electronVersionOverride: electronVersion
}).finally(() => {
  console.log = log
})
const findings = (result.issues ?? []).filter((issue) => issue.severity.value >= MEDIUM)
const lower = (result.issues ?? []).length - findings.length
for (const f of findings) {
  console.log(
    `${f.severity.name} ${f.confidence.name} ${f.id} ${f.file}:${f.location.line}: ${f.description}`
  )
}
console.log(
  `electronegativity (Electron ${electronVersion}): ${findings.length} finding(s) of medium severity or above, ${lower} lower`
)
process.exitCode = findings.length > 0 ? 1 : 0
