import { existsSync } from 'node:fs'
import { constants } from 'node:fs'
import { lstat, open, realpath, stat } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { FolderIdentity } from '../../common/tasks.ts'
import { TaskFailure } from '../task-error.ts'

/** Flags that are 0 where the platform lacks them (Windows has no O_NOFOLLOW). */
export const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0
export const O_NONBLOCK = constants.O_NONBLOCK ?? 0
const O_DIRECTORY = constants.O_DIRECTORY ?? 0

/**
 * Linux names a directory by its open descriptor as `/proc/self/fd/N`: a path
 * through it reaches that folder whatever has since been renamed, moved or swapped
 * for a link at its old path (the effect of openat(2), which Node does not offer).
 */
const PROC_FD = process.platform === 'linux' && existsSync('/proc/self/fd')

/** The folder's real path and identity, taken once by the run before its tasks start. */
export async function folderIdentity(dir: string): Promise<FolderIdentity> {
  const real = await realpath(dir)
  const info = await stat(real, { bigint: true })
  if (!info.isDirectory())
    throw Object.assign(new Error(`${dir} is not a folder`), { code: 'ENOTDIR' })
  return { real, dev: String(info.dev), ino: String(info.ino) }
}

/**
 * The output folder as one task holds it. `at(name)` is the path to give fs calls for
 * a name inside it:
 * - on Linux, through the folder's own descriptor (`/proc/self/fd/N/name`), so every
 *   open, link and unlink lands in the folder the run chose even if its path is swapped
 *   for a link mid-run;
 * - elsewhere, the plain path, with `check()` before and after each step that writes,
 *   refusing a folder whose path no longer leads to the same directory. A swap that
 *   wins the race between a check and the next call is the gap left there.
 */
export interface Folder {
  /** The path as the user gave it, for the paths reported. */
  readonly dir: string
  at(name: string): string
  /** Fails with `write_failed` if the folder's path now leads elsewhere (path mode). */
  check(): Promise<void>
  close(): Promise<void>
}

const moved = (dir: string): TaskFailure =>
  new TaskFailure(
    'write_failed',
    `the output folder ${dir} was moved or replaced during the run, so nothing more is written there`
  )

const sameIdentity = (
  info: { dev: bigint; ino: bigint },
  expected: { dev: string; ino: string }
): boolean => String(info.dev) === expected.dev && String(info.ino) === expected.ino

/**
 * One descriptor per folder in this thread, shared by the tasks that hold it: each task's
 * open, fstat and close of the folder were three round trips to libuv's threads per image
 * (a tenth of a 200 × 256 KiB run's main-thread time). It is closed once no task holds it.
 */
interface Held {
  opened: Promise<FileHandle>
  holders: number
}
const held = new Map<string, Held>()

/** Opens the folder by its path, refusing a link or another directory put in its place. */
async function openAnchor(dir: string, identity: FolderIdentity): Promise<FileHandle> {
  let handle: FileHandle
  try {
    // O_NOFOLLOW: a link put in the folder's place is refused; O_NONBLOCK: a FIFO there
    // cannot hold a libuv thread (O_DIRECTORY refuses it first anyway).
    handle = await open(identity.real, constants.O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP' || code === 'ENOTDIR' || code === 'ENOENT') throw moved(dir)
    throw error
  }
  const info = await handle.stat({ bigint: true })
  if (!info.isDirectory() || !sameIdentity(info, identity)) {
    await handle.close()
    throw moved(dir)
  }
  return handle
}

/** The shared descriptor of the folder, opened by the first task that needs it. */
async function holdAnchor(dir: string, identity: FolderIdentity): Promise<Folder> {
  const key = `${identity.dev}:${identity.ino}:${identity.real}`
  let entry = held.get(key)
  if (entry) {
    // Held already: the path must still lead to that folder, as it did when it was opened,
    // so a task that starts after the folder was moved or replaced is refused as before.
    const info = await lstat(identity.real, { bigint: true }).catch(() => undefined)
    if (!info || !info.isDirectory() || !sameIdentity(info, identity)) throw moved(dir)
    entry = held.get(key)
  }
  if (!entry) {
    const opened = openAnchor(dir, identity)
    entry = { opened, holders: 0 }
    held.set(key, entry)
    const current = entry
    opened.catch(() => {
      if (held.get(key) === current) held.delete(key)
    })
  }
  const hold = entry
  hold.holders++
  let handle: FileHandle
  try {
    handle = await hold.opened
  } catch (error) {
    hold.holders--
    throw error
  }
  const base = `/proc/self/fd/${handle.fd}`
  let released = false
  return {
    dir,
    at: (name) => `${base}/${name}`,
    check: async () => undefined,
    close: async () => {
      if (released) return
      released = true
      if (--hold.holders > 0) return
      // Until the next turn of the event loop, a task starting meanwhile can still take it up.
      await new Promise((resolve) => setImmediate(resolve))
      if (hold.holders > 0) return
      if (held.get(key) === hold) held.delete(key)
      await handle.close()
    }
  }
}

/**
 * Opens the task's hold on the folder. `expected` is the identity the run took at its
 * start; without one (a task submitted on its own) the folder is taken as it is now.
 * `anchor: false` forces the path mode (tests of the other platforms' path).
 */
export async function openFolder(
  dir: string,
  expected?: FolderIdentity,
  options: { anchor?: boolean } = {}
): Promise<Folder> {
  const identity = expected ?? (await folderIdentity(dir))
  const real = identity.real
  if ((options.anchor ?? true) && PROC_FD) return holdAnchor(dir, identity)
  const check = async (): Promise<void> => {
    const info = await lstat(real, { bigint: true }).catch(() => undefined)
    if (!info || info.isSymbolicLink() || !info.isDirectory() || !sameIdentity(info, identity)) {
      throw moved(dir)
    }
  }
  await check()
  return { dir, at: (name) => join(real, name), check, close: async () => undefined }
}
