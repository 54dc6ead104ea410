import { mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import pLimit from 'p-limit'
import sharp from 'sharp'

export const THUMBNAIL_SIZE = 320

// sharp's cache holds decoded images and, on Windows, open files: no use for one-off thumbnails.
sharp.cache(false)

export type ThumbnailOutcome =
  | { ok: true; file: string; relPath: string; width: number; height: number; ms: number }
  | { ok: false; skipped: boolean; message: string; ms: number }

/**
 * Makes a JPEG of at most 320 × 320 px of a saved image (libvips works on
 * libuv's threads, not the main thread), into `<dir>/<runId>/<taskId>.jpg`.
 */
export async function makeThumbnail(
  source: string,
  dir: string,
  runId: string,
  taskId: number
): Promise<ThumbnailOutcome> {
  const started = performance.now()
  const relPath = `${runId}/${taskId}.jpg`
  const file = join(dir, runId, `${taskId}.jpg`)
  try {
    await mkdir(join(dir, runId), { recursive: true })
  } catch (error) {
    return failed(`No thumbnail: the cache folder cannot be written (${firstLine(error)})`, started)
  }
  try {
    const info = await sharp(source, { failOn: 'error' })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toFile(file)
    return {
      ok: true,
      file,
      relPath,
      width: info.width,
      height: info.height,
      ms: performance.now() - started
    }
  } catch (error) {
    await rm(file, { force: true })
    return failed(`No thumbnail: not an image that can be decoded (${firstLine(error)})`, started)
  }
}

function failed(message: string, started: number): ThumbnailOutcome {
  return { ok: false, skipped: false, message, ms: performance.now() - started }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] ?? message
}

export interface Thumbnailer {
  readonly dir: string
  /** Queues a thumbnail; at most `concurrency` are made at once. */
  make(runId: string, taskId: number, source: string): Promise<ThumbnailOutcome>
  /** Resolves when every thumbnail queued for the run so far is made or skipped. */
  settled(runId: string): Promise<void>
  /** Skips the run's thumbnails that have not started. */
  skipQueued(runId: string): void
  /** Removes the thumbnails of every run not in `keep`. */
  prune(keep: Iterable<string>): Promise<void>
}

export function createThumbnailer(options: { dir: string; concurrency?: number }): Thumbnailer {
  const limit = pLimit(options.concurrency ?? 2)
  const queued = new Map<string, Set<Promise<ThumbnailOutcome>>>()
  const skipping = new Set<string>()

  return {
    dir: options.dir,
    make(runId, taskId, source) {
      const job = limit(() =>
        skipping.has(runId)
          ? {
              ok: false as const,
              skipped: true,
              message: 'No thumbnail: the run was cancelled',
              ms: 0
            }
          : makeThumbnail(source, options.dir, runId, taskId)
      )
      let jobs = queued.get(runId)
      if (!jobs) queued.set(runId, (jobs = new Set()))
      jobs.add(job)
      return job
    },
    async settled(runId) {
      const jobs = queued.get(runId)
      if (jobs) await Promise.allSettled(jobs)
      queued.delete(runId)
      skipping.delete(runId)
    },
    skipQueued(runId) {
      if (queued.has(runId)) skipping.add(runId)
    },
    async prune(keep) {
      const kept = new Set(keep)
      for (const runId of queued.keys()) kept.add(runId)
      let names: string[]
      try {
        names = await readdir(options.dir)
      } catch {
        return
      }
      await Promise.all(
        names
          .filter((name) => !kept.has(name))
          .map((name) => rm(join(options.dir, name), { recursive: true, force: true }))
      )
    }
  }
}
