import { mkdtempSync, rmSync } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** One temporary folder for the whole benchmark; each run downloads into a fresh folder in it. */
export class TempDirs {
  readonly root = mkdtempSync(join(tmpdir(), 'cid-bench-'))
  private next = 0

  /** A new empty folder. */
  async fresh(label: string): Promise<string> {
    const dir = join(this.root, `${this.next++}-${label.replace(/[^\w-]+/g, '-')}`)
    await mkdir(dir, { recursive: true })
    return dir
  }

  async remove(dir: string): Promise<void> {
    await rm(dir, { recursive: true, force: true })
  }

  removeAll(): void {
    rmSync(this.root, { recursive: true, force: true })
  }
}
