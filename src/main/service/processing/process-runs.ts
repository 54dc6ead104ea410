import { randomUUID } from 'node:crypto'
import { basename, dirname, join } from 'node:path'
import type { Result, RunRecord } from '../../../common/api.ts'
import { DEFAULT_PROCESSING, type ExistingPolicy } from '../../../common/defaults.ts'
import type { ProcessRequest } from '../../../common/schemas.ts'
import type { ProcessKnobs, ProcessRun } from '../runs/run-request.ts'
import { downloadThumbnails } from './input-thumbnails.ts'

export const NOTHING_TO_PROCESS =
  'Nothing to process yet: download some images first, then process them here.'

/** The runs whose saved images a processing run may read: downloads and pipelines that saved some. */
function savedImages(record: RunRecord): boolean {
  return (record.kind === 'download' || record.kind === 'pipeline') && !!record.dir && record.ok > 0
}

/** What the processing stage's results are called in labels and keys: `blur 15 · 1200 px`. */
export function knobsLabel(knobs: Pick<ProcessKnobs, 'blur' | 'maxSize'>): string {
  return `blur ${knobs.blur} · ${knobs.maxSize} px`
}

/** The folder a download's processed images go to: `processed/` inside it. */
export function processedDir(dir: string): string {
  return join(dir, DEFAULT_PROCESSING.folderName)
}

/**
 * A processing run of the images a download saved, from the service's own history: the page
 * names a run (or none, for the latest), never a folder, so it cannot make the app read or
 * write anywhere the user did not choose. The names are the files that run saved directly in
 * its folder; the results go to that folder's `processed/`.
 */
export function processRunFor(
  request: ProcessRequest,
  history: readonly RunRecord[],
  activeRunId: string | undefined,
  existing: ExistingPolicy
): Result<ProcessRun> {
  const candidates = history.filter((r) => r.runId !== activeRunId && savedImages(r))
  const record = request.from
    ? candidates.find((r) => r.runId === request.from)
    : candidates.sort((a, b) => b.startedAt - a.startedAt)[0]
  if (!record || !record.dir) {
    return {
      ok: false,
      error: request.from
        ? 'That run is no longer in the history, or saved no images.'
        : NOTHING_TO_PROCESS
    }
  }
  const inDir = record.dir
  const files = [
    ...new Set(
      record.tasks
        .filter((t) => t.status === 'done' && t.file && dirname(t.file) === inDir)
        .map((t) => basename(t.file!))
    )
  ]
  if (files.length === 0) return { ok: false, error: NOTHING_TO_PROCESS }
  const { strategy, concurrency, kernel, blur, maxSize } = request
  // A pipeline's images are its download's: keyed by the download's source, as a plain download is.
  const inputKey = record.inputKey ?? record.sourceKey
  return {
    ok: true,
    value: {
      kind: 'process',
      runId: randomUUID(),
      strategy,
      concurrency,
      kernel,
      blur,
      maxSize,
      inDir,
      files,
      outDir: processedDir(inDir),
      inputKey,
      inputThumbnails: downloadThumbnails(record),
      existing,
      sourceLabel: `${files.length} ${files.length === 1 ? 'image' : 'images'} of ${record.sourceLabel} · ${knobsLabel(request)}`,
      // The same images (by the download's key and names) at the same blur and size: every
      // strategy and kernel over them is compared with the others.
      sourceKey: `process:${inputKey}:${files.length}:${blur}:${maxSize}`
    }
  }
}

/** A pipeline's key: its download's source at one blur and size (kernels compared side by side). */
export function pipelineKey(
  downloadKey: string,
  knobs: Pick<ProcessKnobs, 'blur' | 'maxSize'>
): string {
  return `pipeline:${downloadKey}:${knobs.blur}:${knobs.maxSize}`
}
