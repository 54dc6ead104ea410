import { resolve } from 'node:path'
import type { RunEvent } from '../common/events.ts'
import { assignFileNames } from './file-names.ts'
import {
  outDirFor,
  prepareOutput,
  processExecutor,
  processSettings,
  processTaskFor
} from './process/process-stage.ts'
import { runDownloads } from './run.ts'
import { RunRecorder } from './run-recorder.ts'
import type { PipelineRunOptions, RunSummary } from './run-types.ts'
import { CancelledError, TaskFailure } from './task-error.ts'

export type { PipelineRunOptions } from './run-types.ts'

/**
 * Download and process, as producer and consumer: each image is handed to the processing
 * stage's own executor the moment it is saved, while the others still download. Tasks
 * 0..n-1 download (runDownloads, unchanged, its events taken into this run's); task n+i
 * processes what task i saved, or fails as `download_failed` (cancelled with it) naming
 * the URL. One run: one run-started with all 2n tasks, one run-finished, one cancel.
 */
export async function runPipeline(options: PipelineRunOptions): Promise<RunSummary> {
  const { process: stage, onEvent: _onEvent, ...downloadOptions } = options
  const dir = resolve(options.dir)
  const n = options.urls.length
  const fileNames = assignFileNames(options.urls)
  const settings = processSettings({ ...stage, existing: options.existing })
  const outDir = outDirFor(dir, stage.outDir)
  const recorder = new RunRecorder(options, [...options.urls, ...fileNames])
  recorder.send({
    type: 'run-started',
    kind: 'pipeline',
    strategy: options.strategy,
    concurrency: recorder.concurrency,
    startedAt: Date.now(),
    dir,
    kernel: settings.kernel,
    processStrategy: stage.strategy ?? options.strategy,
    blur: settings.blur,
    maxSize: settings.maxSize,
    outDir,
    tasks: [
      ...options.urls.map((url, taskId) => ({
        taskId,
        label: url,
        fileName: fileNames[taskId],
        stage: 'download' as const
      })),
      ...fileNames.map((fileName, i) => ({
        taskId: n + i,
        label: fileName,
        fileName,
        stage: 'process' as const
      }))
    ]
  })

  const output = await prepareOutput(dir, outDir, stage.outDir === undefined)
  const executor = processExecutor(
    {
      strategy: stage.strategy ?? options.strategy,
      concurrency: stage.concurrency ?? options.concurrency,
      signal: options.signal,
      workerPool: options.workerPool
    },
    recorder,
    output
  )

  /** The consumer: download `i` saved `file`. */
  const processSaved = (i: number, file: string): void => {
    if (output.error) return recorder.fail(n + i, output.error)
    const task = processTaskFor(file, output, settings)
    recorder.track(task, n + i)
    void executor.submit(task).result()
  }

  /** Download `i`'s events become this run's (stamped on its clock), and feed the consumer. */
  const tap = (event: RunEvent): void => {
    if (!('taskId' in event) || event.taskId >= n) return
    const i = event.taskId
    if (!recorder.tasks.has(i)) return
    const label = recorder.tasks.label(i)
    switch (event.type) {
      case 'task-started':
        return recorder.start(i, event.lane)
      case 'task-progress':
        return recorder.progress(i, event.bytes, event.total)
      case 'task-retry': {
        const { attempt, code, message, delayMs } = event
        return recorder.send({ type: 'task-retry', taskId: i, attempt, code, message, delayMs })
      }
      case 'task-stall': {
        const { stalled, bytesPerSecond } = event
        return recorder.send({ type: 'task-stall', taskId: i, stalled, bytesPerSecond })
      }
      case 'task-finished':
        recorder.succeed(
          i,
          {
            ...(event.file ? { file: event.file } : {}),
            bytes: event.bytes ?? 0,
            ...(event.message ? { message: event.message } : {})
          },
          event.outcome ? { outcome: event.outcome } : undefined
        )
        if (event.file) processSaved(i, event.file)
        else recorder.fail(n + i, new TaskFailure('download_failed', `${label} saved no file`))
        return
      case 'task-failed': {
        const cancelled = event.code === 'cancelled'
        recorder.fail(
          i,
          cancelled ? new CancelledError(event.message) : new TaskFailure(event.code, event.message)
        )
        recorder.fail(
          n + i,
          cancelled
            ? new CancelledError(`not processed: the download of ${label} was cancelled`)
            : new TaskFailure(
                'download_failed',
                `not processed: the download of ${label} failed (${event.code}: ${event.message})`
              )
        )
        return
      }
      default:
        // Thumbnails, previews and the CPU gauge are the app's, never the engine's.
        return
    }
  }

  try {
    await runDownloads({ ...downloadOptions, runId: recorder.runId, onEvent: tap })
    await recorder.allSettled()
  } finally {
    void executor.shutdown({ wait: false, cancelFutures: true })
  }
  return recorder.finish(options, 'pipeline', async () => {
    await output.manifest?.close()
  })
}
