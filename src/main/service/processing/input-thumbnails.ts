import { basename, dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import sharp from 'sharp'
import type { RunRecord } from '../../../common/api.ts'
import type { ThumbnailOutcome } from '../thumbnails/thumbnails.ts'

/**
 * The previews a download made of the images a processing run reads, by image path: a
 * `<runId>/<taskId>.jpg` inside the thumbnail folder for each image the download saved.
 * Whether the file is still there is checked when it is used (reusedThumbnail).
 */
export function downloadThumbnails(record: RunRecord): Map<string, string> {
  const made = new Map<string, string>()
  for (const task of record.tasks) {
    if (task.status === 'done' && task.file)
      made.set(task.file, `${record.runId}/${task.taskId}.jpg`)
  }
  return made
}

/** A preview made before, described as if just made: its size read from its header alone. */
export async function reusedThumbnail(dir: string, relPath: string): Promise<ThumbnailOutcome> {
  const started = performance.now()
  const file = join(dir, ...relPath.split('/'))
  try {
    const { width, height } = await sharp(file).metadata()
    if (!width || !height) throw new Error('no size')
    return { ok: true, file, relPath, width, height, ms: performance.now() - started }
  } catch (error) {
    return {
      ok: false,
      skipped: false,
      message: `No earlier preview of ${basename(dirname(file))}: ${(error as Error).message}`,
      ms: performance.now() - started
    }
  }
}
