import { memo } from 'react'
import type { RunView, TaskView } from '../state/run-state.ts'
import { baseName } from '../state/format.ts'
import { strings } from '../strings/index.ts'

const s = strings.process.tiles

interface Pair {
  key: number
  name: string
  before: TaskView['thumbnail']
  after: TaskView['thumbnail']
  /** The task whose end the pair waits for: the processing one. */
  task: TaskView
  /** A pipeline's download, when it failed: the image never got to processing. */
  download?: TaskView
}

/**
 * The images before and after, side by side. A processing run's task holds both previews; a
 * pipeline's task `n + i` processes what download `i` saved, so the pair is the two tasks.
 */
function pairsOf(run: RunView): Pair[] {
  if (run.kind !== 'pipeline') {
    return run.tasks.map((task) => ({
      key: task.taskId,
      name: task.fileName ?? baseName(task.label),
      before: task.inputThumbnail,
      after: task.thumbnail,
      task
    }))
  }
  const downloads = run.tasks.filter((t) => t.stage !== 'process')
  const processing = run.tasks.filter((t) => t.stage === 'process')
  return downloads.map((download, index) => {
    const task = processing[index] ?? download
    return {
      key: download.taskId,
      name: download.fileName ?? baseName(download.label),
      before: download.thumbnail,
      after: task === download ? undefined : task.thumbnail,
      task,
      download
    }
  })
}

function statusText(pair: Pair): string {
  const failed = pair.download?.status === 'failed' ? pair.download : pair.task
  if (failed.status === 'failed') return failed.error?.message ?? s.failed
  if (failed.status === 'cancelled') return s.cancelled
  if (pair.download && pair.download.status !== 'done')
    return pair.download.status === 'running' ? s.downloading : s.queued
  if (pair.task.status === 'running') return s.processing
  if (pair.task.status === 'queued') return s.queued
  const size = pair.task.size
  return size ? `${size.width} × ${size.height}` : s.done
}

/** One tile per image: the original and the blurred, shrunk result, as each finishes. */
export const ProcessTiles = memo(function ProcessTiles({ run }: { run: RunView }) {
  const pairs = pairsOf(run)
  return (
    <ul className="process-tiles" aria-label={s.label}>
      {pairs.map((pair) => {
        const failed = pair.task.status === 'failed' || pair.download?.status === 'failed'
        return (
          <li
            key={pair.key}
            className={`process-tile process-tile--${failed ? 'failed' : pair.task.status}`}
            data-task={pair.task.taskId}
          >
            <div className="process-pair">
              <Preview which="before" image={pair.before} name={pair.name} />
              <Preview which="after" image={pair.after} name={pair.name} />
            </div>
            <p className="process-tile-name" title={pair.name}>
              {pair.name}
            </p>
            <p className="process-tile-status" role={failed ? 'alert' : undefined}>
              {statusText(pair)}
            </p>
          </li>
        )
      })}
    </ul>
  )
})

function Preview({
  which,
  image,
  name
}: {
  which: 'before' | 'after'
  image: TaskView['thumbnail']
  name: string
}) {
  return (
    <figure className={`process-preview process-preview--${which}`}>
      {image ? (
        <img src={image.url} alt={s.alt(name, which === 'after')} loading="lazy" />
      ) : (
        <div className="process-placeholder" aria-hidden="true" />
      )}
      <figcaption>{s[which]}</figcaption>
    </figure>
  )
}
