import { open, mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as delay } from 'node:timers/promises'
import pLimit from 'p-limit'
import sharp from 'sharp'

export const THUMBNAIL_SIZE = 320
/** A thumbnail waits while the event loop was busier than this over the last check... */
const BUSY_LOOP = 0.3
const QUIET_CHECK_MS = 25
/** ...but no longer than this, so that each thumbnail still appears soon after its image. */
const MAX_YIELD_MS = 1000
/** Read whole and given to sharp as a Buffer up to this size; larger files are read by path. */
const BUFFER_LIMIT_BYTES = 32 * 1024 * 1024

// sharp's cache holds decoded images and, on Windows, open files: no use for one-off thumbnails.
sharp.cache(false)
// One libvips thread per thumbnail: a 320 px preview gains nothing from more, and on a machine of
// few cores the run it shows (its downloads, and a simulated CDN in the same process) needs them.
sharp.concurrency(1)

/**
 * What sharp gets: the file's bytes, or its path for a large file that is not XML.
 * librsvg, given a path, resolves an SVG's `<xi:include href="secret.txt" parse="text"/>` and
 * `<image href>` beside that path and draws them into the thumbnail; given a Buffer it has no
 * base to resolve from and draws nothing (issue 19.5). An SVG (text, or gzip-compressed) larger
 * than the limit gets no thumbnail.
 */
async function thumbnailInput(source: string): Promise<Buffer | string> {
  const file = await open(source, 'r')
  try {
    const { size } = await file.stat()
    if (size <= BUFFER_LIMIT_BYTES) return await file.readFile()
    const head = Buffer.alloc(256)
    const { bytesRead } = await file.read(head, 0, head.length, 0)
    if (looksLikeXmlOrGzip(head.subarray(0, bytesRead))) {
      throw new Error('an SVG or XML file this large is not previewed')
    }
    return source
  } finally {
    await file.close()
  }
}

/**
 * Waits until this process's event loop is mostly idle (a run's downloads keep it busy), for at
 * most MAX_YIELD_MS. A thumbnail costs a core for 5-50 ms; on a machine of few cores, making them
 * while the downloads run slowed a run of 500 small images by 1.9 × (bench scenario 8).
 */
async function yieldToRun(): Promise<void> {
  const started = performance.now()
  let last = performance.eventLoopUtilization()
  for (;;) {
    await delay(QUIET_CHECK_MS)
    const now = performance.eventLoopUtilization()
    const recent = performance.eventLoopUtilization(now, last)
    last = now
    if (recent.utilization < BUSY_LOOP || performance.now() - started >= MAX_YIELD_MS) return
  }
}

function looksLikeXmlOrGzip(head: Buffer): boolean {
  if (head[0] === 0x1f && head[1] === 0x8b) return true
  const text = head
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
  return text.startsWith('<')
}

export type ThumbnailOutcome =
  | { ok: true; file: string; relPath: string; width: number; height: number; ms: number }
  | { ok: false; skipped: boolean; message: string; ms: number }

/**
 * Makes a JPEG of at most 320 × 320 px of a saved image (libvips works on
 * libuv's threads, not the main thread), into `<dir>/<runId>/<taskId>.jpg`.
 * A JPEG is decoded at a fraction of its size when that is still 320 px or more
 * (libvips's shrink-on-load, which sharp's resize uses); the preview is plain
 * libjpeg at quality 80 (mozjpeg took several times the CPU for a few % of bytes).
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
    const input = await thumbnailInput(source)
    const info = await sharp(input, { failOn: 'error' })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
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
      const job = limit(async () => {
        // Yields to the run first: while its downloads keep the event loop busy, this
        // thumbnail waits (a little) rather than take a libuv thread and a core from them.
        await yieldToRun()
        if (skipping.has(runId)) {
          return {
            ok: false as const,
            skipped: true,
            message: 'No thumbnail: the run was cancelled',
            ms: 0
          }
        }
        return makeThumbnail(source, options.dir, runId, taskId)
      })
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
