import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MANIFEST_NAME } from '../../src/engine/files/manifest.ts'
import { afterEach } from 'vitest'

/**
 * The tests' one way to make a temp folder. `tempDir` leaves its removal to the caller
 * (a folder shared by a file's tests, or one a tmpfs is mounted on); `tempFolder`'s is
 * removed after the test that made it.
 */
export async function tempDir(
  prefix = 'cid-test-'
): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix))
  return { path, cleanup: () => rm(path, { recursive: true, force: true, maxRetries: 3 }) }
}

const madeThisTest: (() => Promise<void>)[] = []

/** A fresh folder under the system's temp folder, removed after the current test. */
export async function tempFolder(prefix = 'cid-test-'): Promise<string> {
  const { path, cleanup } = await tempDir(prefix)
  madeThisTest.push(cleanup)
  return path
}

afterEach(async () => {
  await Promise.all(madeThisTest.splice(0).map((cleanup) => cleanup()))
})

/** Every file name in a folder, sorted, but the record of what the app wrote there (its manifest). */
export async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name !== MANIFEST_NAME).sort()
}
