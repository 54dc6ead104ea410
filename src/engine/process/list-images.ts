import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { IMAGE_EXTENSIONS } from '../file-names.ts'
import { TaskFailure } from '../task-error.ts'

/** One image a processing run was asked to process: its name, and its path or why it has none. */
export interface ListedImage {
  name: string
  path?: string
  error?: TaskFailure
}

/**
 * The images directly in `dir`, by name: plain files whose name ends as an image's
 * does. Left out:
 * - folders (the output folder among them);
 * - links, which could lead outside the folder the user chose, to anything;
 * - hidden names (the folder's manifest, a download's `.part` files);
 * - names that are not an image's (`notes.txt`): a folder of photos often holds others.
 * A file named as an image that is not one is listed, and fails as `not_image`.
 */
export async function listImages(dir: string): Promise<ListedImage[]> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new TaskFailure('read_failed', `cannot list the folder ${dir}: ${reason}`, {
      cause: error
    })
  }
  return entries
    .filter(
      (entry) => entry.isFile() && !entry.name.startsWith('.') && IMAGE_EXTENSIONS.test(entry.name)
    )
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => ({ name, path: join(dir, name) }))
}

/** Names the caller chose: each must be one plain name inside `dir`. */
export function namedImages(dir: string, names: readonly string[]): ListedImage[] {
  return names.map((name) =>
    /[/\\\0]/.test(name) || name === '' || name === '.' || name === '..'
      ? {
          name,
          error: new TaskFailure('read_failed', `${name} is not the name of a file inside ${dir}`)
        }
      : { name, path: join(dir, name) }
  )
}
