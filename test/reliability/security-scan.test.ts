/**
 * Issue 19 item 7: the CI security scan passed files it could not parse. A file
 * electronegativity's parser cannot read (valid JavaScript with a private class
 * field) that sets `contextIsolation: false, webSecurity: false` gave 0
 * findings and exit 0. The scan (scripts/security-scan.ts) now fails on it.
 */
import { execFile } from 'node:child_process'
import { cp, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { tempRoot } from './helpers.ts'

const run = promisify(execFile)
const script = join(import.meta.dirname, '../../scripts/security-scan.ts')

/** Runs the scan on `dir`; its exit code and what it printed. */
async function scan(dir: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, dir], { timeout: 120_000 })
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, output: failed.stdout + failed.stderr }
  }
}

describe('the security scan', () => {
  it('fails on a file it cannot parse, and for that reason alone', async () => {
    // The app's main process, preload and page: a tree the scan passes.
    const dir = await tempRoot('cid-scan-test-')
    const src = join(import.meta.dirname, '../../src')
    await cp(join(src, 'main'), join(dir, 'main'), { recursive: true })
    await cp(join(src, 'preload'), join(dir, 'preload'), { recursive: true })
    await mkdir(join(dir, 'renderer'))
    await cp(join(src, 'renderer/index.html'), join(dir, 'renderer/index.html'))
    await writeFile(
      join(dir, 'main', 'unsafe-window.js'),
      [
        "const { BrowserWindow } = require('electron')",
        'class Opener {',
        '  #window',
        '  open() {',
        '    this.#window = new BrowserWindow({',
        '      webPreferences: { contextIsolation: false, webSecurity: false }',
        '    })',
        '  }',
        '}',
        'module.exports = { Opener }',
        ''
      ].join('\n')
    )
    const { code, output } = await scan(dir)
    expect(code).toBe(1)
    const failures = output
      .split('\n')
      .filter((line) => /^(could not|[A-Z]+ [A-Z]+ [A-Z_]+ )/.test(line))
    // The one failure: the file it could not read, named.
    expect(failures).toEqual([
      expect.stringMatching(
        /^could not parse .*main\/unsafe-window\.js: Unknown node type ClassPrivateProperty.*nothing in it was checked$/
      )
    ])
    expect(output).toMatch(/FAILED/)
  }, 180_000)
})
