import type { RunEvent } from '../../../common/events.ts'
import type { DownloadRunOptions, RunSummary } from '../../../engine/run.ts'
import { downloadPhotos } from '../../../engine/unsplash/download-photos.ts'
import { creditLine } from '../../../engine/unsplash/photo.ts'
import type { Engine, UnsplashPhotos } from './run-request.ts'

/**
 * A download of photos picked from Unsplash: the engine's download, with each saved photo's
 * tracking and the folder's credits (engine/unsplash/download-photos.ts). Each task carries its
 * photographer from run-started on, so tiles and the history credit them; a tracking call or
 * the credit files that fail become run notices, and the images stay saved.
 */
export async function runUnsplashPhotos(
  engine: Engine,
  part: UnsplashPhotos,
  download: DownloadRunOptions
): Promise<RunSummary> {
  const credits = part.photos.map(creditLine)
  let last: { runId: string; t: number } | undefined
  const onEvent = (event: RunEvent): void => {
    last = { runId: event.runId, t: Math.max(event.t, last?.t ?? 0) }
    if (event.type === 'run-started') {
      const tasks = event.tasks.map((task) => {
        const credit = credits[task.taskId]
        return credit ? { ...task, credit } : task
      })
      download.onEvent?.({ ...event, tasks })
      return
    }
    download.onEvent?.(event)
  }
  const { urls: _urls, ...options } = download
  const summary = await downloadPhotos(
    part.client,
    part.photos,
    { ...options, onEvent, size: part.size },
    (o) => engine.runDownloads(o)
  )
  part.onEnded(summary)
  const notices = summary.trackingFailures.map(
    ({ id, message }) => `Unsplash was not told of the download of photo ${id}: ${message}`
  )
  if (summary.creditsError) notices.push(summary.creditsError)
  for (const message of notices) {
    if (last) download.onEvent?.({ type: 'run-notice', runId: last.runId, t: last.t, message })
  }
  return summary
}
