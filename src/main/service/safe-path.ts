import { realpath, stat } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'

/** True when `target` is `root` itself or below it, by the path alone (no file system). */
export function isWithin(root: string, target: string, { allowRoot = false } = {}): boolean {
  const rel = relative(resolve(root), resolve(target))
  if (rel === '') return allowRoot
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

/**
 * The real path of an existing file below `root`, or null: refuses `..`, absolute
 * paths, NUL bytes, and symbolic links that lead out of `root`.
 */
export async function resolveFileInside(
  root: string,
  relativePath: string
): Promise<string | null> {
  if (relativePath.includes('\0') || isAbsolute(relativePath)) return null
  const lexical = resolve(root, relativePath)
  if (!isWithin(root, lexical)) return null
  try {
    const [realRoot, realTarget] = await Promise.all([realpath(root), realpath(lexical)])
    if (!isWithin(realRoot, realTarget)) return null
    if (!(await stat(realTarget)).isFile()) return null
    return realTarget
  } catch {
    return null
  }
}

/** The real path of an existing file below one of `roots`, or null. */
export async function resolveExistingFileWithin(
  roots: Iterable<string>,
  file: string
): Promise<string | null> {
  if (file.includes('\0') || !isAbsolute(file)) return null
  for (const root of new Set(roots)) {
    if (!isWithin(root, file)) continue
    const found = await resolveFileInside(root, relative(resolve(root), resolve(file)))
    if (found) return found
  }
  return null
}
