import { spawnSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BIN_SHEBANG, HEAP_OPTIONS } from '../../src/common/heap-options.ts'

const root = join(import.meta.dirname, '..', '..')

// The heap options are declared once (src/common/heap-options.ts); each place that starts the CLI
// must give Node that list, since Node reads them only at its start.
describe("the CLI's heap options", () => {
  it("are the bin's shebang, which the build keeps", async () => {
    const source = await readFile(join(root, 'src/cli/index.ts'), 'utf8')
    expect(source.split('\n')[0]).toBe(BIN_SHEBANG)
  })

  it('are given by `npm run cli`, which runs the sources', async () => {
    const { scripts } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(scripts.cli).toBe(`node ${HEAP_OPTIONS.join(' ')} src/cli/index.ts`)
  })

  it('are options this Node accepts, none of them a hard cap on the heap', () => {
    const ran = spawnSync(process.execPath, [...HEAP_OPTIONS, '-e', '0'], { encoding: 'utf8' })
    expect(ran.stderr).toBe('')
    expect(ran.status).toBe(0)
    for (const option of HEAP_OPTIONS) {
      expect(option).not.toMatch(/^--max-(old-space|heap)-size/)
    }
  })
})
