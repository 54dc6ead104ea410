import { mkdir, stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'

/**
 * `mkdir -p` whose error says why. Node's recursive mkdir reports ENOENT ("no such
 * file or directory") when a parent is on a read-only disk or not writable; the
 * first missing folder is then made on its own, which fails with the real reason
 * (EROFS, EACCES, ENOTDIR).
 */
export async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    throw (await firstMissingError(resolve(dir))) ?? error
  }
}

async function firstMissingError(dir: string): Promise<unknown> {
  let missing = dir
  for (;;) {
    const parent = dirname(missing)
    if (parent === missing) return undefined
    const exists = await stat(parent).then(
      () => true,
      () => false
    )
    if (exists) break
    missing = parent
  }
  try {
    await mkdir(missing)
  } catch (error) {
    return error
  }
  return undefined
}
