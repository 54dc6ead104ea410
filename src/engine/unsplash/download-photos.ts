import { basename } from 'node:path'
import type { RunEvent } from '../../common/events.ts'
import type { ImageSize } from '../../common/schemas.ts'
import { applyImageSize } from '../../common/url-list.ts'
import { runDownloads } from '../run.ts'
import type { DownloadRunOptions, RunSummary } from '../run-types.ts'
import type { UnsplashClient } from './client.ts'
import { creditEntry, writeCredits } from './credits.ts'
import type { CreditEntry } from './credits.ts'
import type { UnsplashPhoto } from './photo.ts'
import { DownloadTracker } from './tracker.ts'

export interface PhotoDownloadSummary extends RunSummary {
  /** Photos whose download Unsplash was told of: one per saved photo. */
  tracked: number
  trackingFailures: { id: string; message: string }[]
  /** The credit files written into the folder, when a photo was saved. */
  credits?: { markdown: string; json: string }
  creditsError?: string
}

/** The URL the app downloads for a photo: `urls.raw` (with its `ixid`) and the size's `w` and `q`. */
export function photoDownloadUrl(photo: UnsplashPhoto, size: ImageSize): string {
  return applyImageSize(photo.rawUrl, size)
}

/**
 * Downloads picked Unsplash photos like any list, and does what Unsplash asks of an app that
 * does: tells each saved photo's download_location once (never a failed or skipped one),
 * and writes CREDITS.md and credits.json into the folder.
 */
export async function downloadPhotos(
  client: UnsplashClient,
  photos: UnsplashPhoto[],
  options: Omit<DownloadRunOptions, 'urls'> & { size: ImageSize },
  /** The download engine: the app passes its own, which keeps parts across a quit. */
  run: (options: DownloadRunOptions) => Promise<RunSummary> = runDownloads
): Promise<PhotoDownloadSummary> {
  const tracker = new DownloadTracker(client)
  const entries: CreditEntry[] = []
  const onEvent = (event: RunEvent): void => {
    if (event.type === 'task-finished' && event.file && event.outcome !== 'skipped') {
      const photo = photos[event.taskId]
      if (photo) {
        tracker.saved(photo)
        entries.push(creditEntry(photo, basename(event.file), Date.now()))
      }
    }
    options.onEvent?.(event)
  }
  const urls = photos.map((photo) => photoDownloadUrl(photo, options.size))
  const summary = await run({ ...options, urls, onEvent })
  await tracker.settled()
  const result: PhotoDownloadSummary = {
    ...summary,
    tracked: tracker.count,
    trackingFailures: tracker.failures.map(({ photo, message }) => ({ id: photo.id, message }))
  }
  if (entries.length === 0) return result
  try {
    result.credits = await writeCredits(options.dir, entries)
  } catch (error) {
    result.creditsError = `could not write the credits: ${error instanceof Error ? error.message : String(error)}`
  }
  return result
}
