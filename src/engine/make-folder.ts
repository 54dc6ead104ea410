import { mkdir, stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'

/** The reasons worth telling instead of Node's ENOENT. */
const REASONS = new Set(['EROFS', 'EACCES', 'EPERM', 'ENOTDIR', 'ENOSPC'])

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code

/**
 * `mkdir -p` whose error says why. Node's recursive mkdir reports ENOENT ("no such
 * file or directory") when a parent is on a read-only disk or not writable; the
 * first missing folder is then made on its own, which fails with the real reason
 * (EROFS, EACCES, ENOTDIR...).
 */
export async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true })
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw error
    const probe = await makeFirstMissing(resolve(dir))
    if (probe.made) {
      // It could be made after all (something changed meanwhile): try the whole path once more.
      await mkdir(dir, { recursive: true })
      return
    }
    throw probe.error ?? error
  }
}

async function makeFirstMissing(dir: string): Promise<{ made: boolean; error?: unknown }> {
  let missing = dir
  for (;;) {
    const parent = dirname(missing)
    if (parent === missing) return { made: false }
    try {
      await stat(parent)
      break
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') return { made: false }
      missing = parent
    }
  }
  try {
    await mkdir(missing)
  } catch (error) {
    return { made: false, error: REASONS.has(codeOf(error) ?? '') ? error : undefined }
  }
  return { made: true }
}
