import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MANIFEST_NAME } from '../../src/engine/files/manifest.ts'

/** A fresh folder under the system's temp folder, removed by the returned cleanup. */
export async function tempDir(
  prefix = 'cid-test-'
): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix))
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) }
}

/** Every file name in a folder, sorted, but the record of what the app wrote there (its manifest). */
export async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name !== MANIFEST_NAME).sort()
}
