/**
 * Gives a whole `.part` file its name, under the run's existing-files policy,
 * without ever writing through or replacing what the app did not write unless the
 * user chose `replace`:
 *
 * - A new name is taken with link(part, name): it fails with EEXIST whatever is
 *   there (a file, a folder, a link, dangling or not), where rename would replace a
 *   file or a link. The `.part` name is then unlinked.
 * - On EEXIST, `keep` and `skip` move on to `name (2).jpg`, `name (3).jpg`... `skip`
 *   first looks whether the file there is the same bytes, and if so keeps it and
 *   writes nothing. `replace` replaces a plain file there (rename, which replaces the
 *   name, never writes into a link's target) but never a folder or a link.
 * - The app's own earlier file of the same URL (the folder's manifest names it, and its
 *   size and modification time show nobody changed it since) is replaced by the new
 *   download under every policy; `skip` first compares the bytes, and keeps it when they
 *   are the same. Running the three strategies one after another into one folder then
 *   leaves one file per URL instead of three copies; a file the user changed is theirs,
 *   and is kept. `keep` does not compare: reading both files would cost the second and
 *   third strategy's runs time the first did not spend, in a comparison of their times.
 */
import { constants } from 'node:fs'
import { link, lstat, open, rename, unlink } from 'node:fs/promises'
import type { DownloadTask, SaveOutcome, SavedFile } from '../../common/tasks.ts'
import { nameForType, withSuffix } from '../file-names.ts'
import { TaskFailure } from '../task-error.ts'
import { isUnchanged, sameBytes } from './existing-policy.ts'
import type { Folder } from './folder.ts'
import { O_NOFOLLOW, O_NONBLOCK } from './folder.ts'
import type { ImageType } from './image-type.ts'
import type { PartFile } from './part-file.ts'

const MAX_SUFFIX = 9999

/**
 * Errors of a file system without hard links (FAT and exFAT give EPERM, some network
 * and FUSE file systems ENOTSUP or ENOSYS). There the name is reserved instead: an
 * empty file created with O_EXCL (which, like link, fails on whatever is there), then
 * the `.part` renamed over that reservation of ours.
 */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'])

export interface Finalized {
  /** The file's name in the folder. */
  name: string
  outcome: SaveOutcome
  saved: SavedFile
  /**
   * False for a file of the user's that `skip` found to be the same image: it is not
   * the app's, so the manifest does not list it (a later run must not update it in place).
   */
  own: boolean
}

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code

/**
 * What naming needs of a task: a download's, or a processed image's (whose `url` is its
 * input's `file:` URL, so the manifest of `processed/` knows the app's earlier output of it).
 */
export type SaveTarget = Pick<DownloadTask, 'url' | 'fileName' | 'existing' | 'previous'>

/** Names the whole `.part` file of `task`, whose body showed `type`. */
export async function finalizePart(
  part: PartFile,
  task: SaveTarget,
  type: ImageType,
  validators: { etag?: string; lastModified?: string } = {}
): Promise<Finalized> {
  const folder = part.folder
  const size = part.bytesWritten
  const mtimeMs = await part.mtimeMs()
  await part.close()
  const record = (name: string, fileMtimeMs = mtimeMs): SavedFile => ({
    url: task.url,
    file: name,
    size,
    type: type.mime,
    ...(validators.etag ? { etag: validators.etag } : {}),
    ...(validators.lastModified ? { lastModified: validators.lastModified } : {}),
    mtimeMs: fileMtimeMs,
    savedAt: Date.now()
  })

  const previous = task.previous
  if (previous && previous.url === task.url && (await isUnchanged(folder, previous))) {
    const compare = task.existing === 'skip' && previous.size === size
    if (compare && (await sameBytes(folder, part.name, previous.file))) {
      await part.discard()
      return {
        name: previous.file,
        outcome: 'skipped',
        saved: withValidators(previous, validators),
        own: true
      }
    }
    await folder.check()
    await rename(folder.at(part.name), folder.at(previous.file))
    return { name: previous.file, outcome: 'replaced', saved: record(previous.file), own: true }
  }

  const policy = task.existing ?? 'keep'
  const name = nameForType(task.url, task.fileName, type.extension)
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const candidate = n === 1 ? name : withSuffix(name, n)
    await folder.check()
    if (await claim(folder, part.name, candidate)) {
      await unlink(folder.at(part.name)).catch(() => undefined)
      return { name: candidate, outcome: 'saved', saved: record(candidate), own: true }
    }
    // The name is taken.
    const there = await lstat(folder.at(candidate)).catch(() => undefined)
    if (policy === 'replace' && n === 1 && there?.isFile()) {
      await rename(folder.at(part.name), folder.at(candidate))
      return { name: candidate, outcome: 'replaced', saved: record(candidate), own: true }
    }
    if (
      policy === 'skip' &&
      there?.isFile() &&
      there.size === size &&
      (await sameBytes(folder, part.name, candidate))
    ) {
      await part.discard()
      return {
        name: candidate,
        outcome: 'skipped',
        saved: record(candidate, there.mtimeMs),
        own: false
      }
    }
  }
  throw new TaskFailure('write_failed', `every name from ${name} to (${MAX_SUFFIX}) is taken`)
}

/** A record the manifest had, with the validators the server sent this time. */
function withValidators(
  saved: SavedFile,
  validators: { etag?: string; lastModified?: string }
): SavedFile {
  return {
    ...saved,
    ...(validators.etag ? { etag: validators.etag } : {}),
    ...(validators.lastModified ? { lastModified: validators.lastModified } : {})
  }
}

/**
 * Takes `name` for the part's file if nothing is there: true when taken, false when
 * the name is in use (by anything). Never replaces what is there.
 */
async function claim(folder: Folder, partName: string, name: string): Promise<boolean> {
  try {
    await link(folder.at(partName), folder.at(name))
    return true
  } catch (error) {
    const code = codeOf(error)
    if (code === 'EEXIST') return false
    if (!NO_HARD_LINKS.has(code ?? '')) throw error
  }
  return claimByReservation(folder, partName, name)
}

/** The fallback where hard links are not supported: see NO_HARD_LINKS. */
export async function claimByReservation(
  folder: Folder,
  partName: string,
  name: string
): Promise<boolean> {
  try {
    const flags =
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW | O_NONBLOCK
    await (await open(folder.at(name), flags, 0o644)).close()
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false
    throw error
  }
  await folder.check()
  await rename(folder.at(partName), folder.at(name))
  return true
}
