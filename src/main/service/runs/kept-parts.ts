/**
 * The `.part` files a run kept when the app quit during it, with what resuming
 * each safely needs (src/common/tasks.ts KeptPart), so that the history's
 * Resume can continue them in a later session. Kept in the app's own folder
 * (`kept-parts.json`), never the user's: the images' folder holds only the
 * `.part` files themselves.
 *
 * A part file is removed only when its name in the run's folder still leads to
 * the very file the run wrote (a plain file, same device and inode): a link or
 * another file put at its name since is left alone.
 */
import { lstat, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { KeptPart } from '../../../common/tasks.ts'
import { createSerialWriter, parseJsonFile } from '../stores/atomic-file.ts'

export const KEPT_PARTS_FILE = 'kept-parts.json'
/** Parts older than this are given up on: a server's image has likely changed, and the disk is the user's. */
export const KEPT_PART_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000

/** One image a quit cut short: its URL, and its `.part` file when it had one that can be resumed. */
export interface KeptTask {
  url: string
  part?: KeptPart
}

/** A run the app quit during: its folder and its unfinished images, in order. */
export interface KeptRun {
  runId: string
  dir: string
  keptAt: number
  tasks: KeptTask[]
}

const decimal = z.string().regex(/^\d{1,24}$/)
const keptPartSchema = z
  .object({
    // `.<name>.<16 hex>.part` (engine/files/part-file.ts), one segment: never a path.
    name: z
      .string()
      .max(255)
      .regex(/^\.[^/\\\0]+\.[0-9a-f]{16}\.part$/),
    validator: z.string().min(1).max(1024),
    total: z.number().int().min(0).nullable(),
    dev: decimal,
    ino: decimal,
    bytes: z.number().int().min(0).optional(),
    ctimeNs: decimal.optional()
  })
  .strict()
const keptRunSchema = z
  .object({
    runId: z.string().min(1).max(100),
    dir: z.string().min(1).max(4096),
    keptAt: z.number().finite(),
    tasks: z.array(z.object({ url: z.string().max(10_000), part: keptPartSchema.optional() }))
  })
  .strict()
const keptFileSchema = z.object({ version: z.literal(1), runs: z.array(keptRunSchema) })

export interface KeptPartsStore {
  get(runId: string): KeptRun | undefined
  put(run: KeptRun): Promise<void>
  /** Forgets a run's entry (its files stay: the caller decides). */
  drop(runId: string): Promise<void>
  /** Every `.part` path the store keeps, to spare them from another clean-up. */
  paths(): Set<string>
  /**
   * Removes the parts of runs that are no longer resumable: not in `resumable`
   * (gone from the history, or resumed already), or kept longer than the max age.
   * Returns how many files were removed.
   */
  prune(resumable: ReadonlySet<string>, now?: number): Promise<number>
  flush(): Promise<void>
}

export async function openKeptPartsStore(options: {
  userDataDir: string
  log?: (message: string) => void
}): Promise<KeptPartsStore> {
  const file = join(options.userDataDir, KEPT_PARTS_FILE)
  const writer = createSerialWriter(file)
  let runs = await load(file, options.log)
  const save = (): Promise<void> => writer.write(JSON.stringify({ version: 1, runs }))

  return {
    get: (runId) => structuredClone(runs.find((run) => run.runId === runId)),
    put(run) {
      runs = [run, ...runs.filter((r) => r.runId !== run.runId)]
      return save()
    },
    drop(runId) {
      if (!runs.some((run) => run.runId === runId)) return Promise.resolve()
      runs = runs.filter((run) => run.runId !== runId)
      return save()
    },
    paths() {
      const paths = new Set<string>()
      for (const run of runs)
        for (const task of run.tasks) if (task.part) paths.add(join(run.dir, task.part.name))
      return paths
    },
    async prune(resumable, now = Date.now()) {
      const stale = runs.filter(
        (run) => !resumable.has(run.runId) || now - run.keptAt > KEPT_PART_MAX_AGE_MS
      )
      if (stale.length === 0) return 0
      let removed = 0
      for (const run of stale) {
        for (const task of run.tasks) if (await removeKeptPart(run.dir, task.part)) removed++
      }
      runs = runs.filter((run) => !stale.includes(run))
      await save()
      return removed
    },
    flush: () => writer.flush()
  }
}

/**
 * The part as it is on disk now, if its name still leads to the file the run wrote:
 * a plain file of the same device and inode (and, once kept, the same size and change time).
 */
export async function keptPartNow(dir: string, part: KeptPart): Promise<KeptPart | undefined> {
  const info = await lstat(join(dir, part.name), { bigint: true }).catch(() => undefined)
  const same =
    info?.isFile() === true &&
    String(info.dev) === part.dev &&
    String(info.ino) === part.ino &&
    (part.bytes === undefined || Number(info.size) === part.bytes) &&
    (part.ctimeNs === undefined || String(info.ctimeNs) === part.ctimeNs)
  if (!info || !same) return undefined
  return { ...part, bytes: Number(info.size), ctimeNs: String(info.ctimeNs) }
}

/** Removes a kept `.part` file if its name still leads to the file the run wrote; true if it did. */
export async function removeKeptPart(dir: string, part: KeptPart | undefined): Promise<boolean> {
  if (!part || !(await keptPartNow(dir, part))) return false
  return unlink(join(dir, part.name)).then(
    () => true,
    () => false
  )
}

async function load(file: string, log?: (message: string) => void): Promise<KeptRun[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return []
  }
  try {
    return keptFileSchema.parse(parseJsonFile(text)).runs
  } catch (error) {
    // Only resuming is lost: the parts are then the interrupted runs' to clean up.
    log?.(`kept parts: ${KEPT_PARTS_FILE} could not be read (${(error as Error).message})`)
    return []
  }
}
