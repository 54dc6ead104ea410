import { resolve } from 'node:path'
import { listImages, namedImages } from './process/list-images.ts'
import {
  outDirFor,
  prepareOutput,
  processExecutor,
  processSettings,
  processTaskFor
} from './process/process-stage.ts'
import { RunRecorder } from './run-recorder.ts'
import type { ProcessRunOptions, ProcessSummary } from './run-types.ts'

export type { ProcessRunOptions, ProcessSummary } from './run-types.ts'

/**
 * The multiprocessing tutorial's run: every image directly in `inDir` (or the names
 * given), blurred and fitted inside a square by one kernel with one strategy, into
 * `processed/` beside them. Rejects only when `inDir` cannot be listed (nothing has
 * started then); an image's failure is a `task-failed` event and the rest go on.
 */
export async function runProcessing(options: ProcessRunOptions): Promise<ProcessSummary> {
  const inDir = resolve(options.inDir)
  const outDir = outDirFor(inDir, options.outDir)
  const settings = processSettings(options)
  const images = options.files ? namedImages(inDir, options.files) : await listImages(inDir)
  const recorder = new RunRecorder(
    options,
    images.map((image) => image.name)
  )
  recorder.send({
    type: 'run-started',
    kind: 'process',
    strategy: options.strategy,
    concurrency: recorder.concurrency,
    startedAt: Date.now(),
    dir: inDir,
    kernel: settings.kernel,
    blur: settings.blur,
    maxSize: settings.maxSize,
    outDir,
    tasks: images.map((image, taskId) => ({
      taskId,
      label: image.name,
      fileName: image.name,
      ...(image.path ? { input: image.path } : {})
    }))
  })

  const output = await prepareOutput(inDir, outDir, options.outDir === undefined)
  const executor = processExecutor(options, recorder, output)
  images.forEach((image, taskId) => {
    const error = image.error ?? output.error
    if (error || !image.path) return recorder.fail(taskId, error)
    const task = processTaskFor(image.path, output, settings)
    recorder.track(task, taskId)
    void executor.submit(task).result()
  })

  await recorder.allSettled()
  void executor.shutdown({ wait: false, cancelFutures: true })
  const summary = await recorder.finish(options, 'process', async () => {
    await output.manifest?.close()
  })
  return {
    ...summary,
    kernel: settings.kernel,
    blur: settings.blur,
    maxSize: settings.maxSize,
    outDir
  }
}
