import type { RunEvent } from '../../../common/events.ts'
import type { RunSummary } from '../../../engine/run.ts'
import type { WorkerPool } from '../../../engine/threads/worker-pool.ts'
import type { AnyRun, Engine } from './run-request.ts'
import { runUnsplashPhotos } from './unsplash-run.ts'

export interface EngineCall {
  signal: AbortSignal
  onEvent: (event: RunEvent) => void
  runId: string
  workerPool: WorkerPool | undefined
}

/** How many tasks a run has: a pipeline downloads and processes each image, so twice its URLs. */
export function taskCount(run: AnyRun): number {
  switch (run.kind) {
    case 'download':
      return run.urls.length
    case 'sleep':
      return run.seconds.length
    case 'process':
      return run.files.length
    case 'pipeline':
      return run.urls.length * 2
  }
}

/** Hands a run to the engine's call for its kind. */
export function runOnEngine(engine: Engine, run: AnyRun, call: EngineCall): Promise<RunSummary> {
  const { strategy, concurrency } = run
  const common = { strategy, concurrency, ...call }
  switch (run.kind) {
    case 'download':
    case 'pipeline': {
      const download = {
        ...common,
        urls: run.urls,
        dir: run.dir,
        ...(run.existing ? { existing: run.existing } : {}),
        ...(run.limits ? { limits: run.limits } : {})
      }
      if (run.kind === 'download' && run.unsplash)
        return runUnsplashPhotos(engine, run.unsplash, download)
      if (run.kind === 'download') return engine.runDownloads(download)
      if (!engine.runPipeline) return Promise.reject(new Error('this engine cannot run a pipeline'))
      return engine.runPipeline({ ...download, process: run.process })
    }
    case 'sleep':
      return engine.runSleep({ ...common, seconds: run.seconds, mode: run.mode, order: run.order })
    case 'process':
      if (!engine.runProcessing) return Promise.reject(new Error('this engine cannot process'))
      return engine.runProcessing({
        ...common,
        inDir: run.inDir,
        outDir: run.outDir,
        files: run.files,
        kernel: run.kernel,
        blur: run.blur,
        maxSize: run.maxSize,
        ...(run.existing ? { existing: run.existing } : {})
      })
  }
}
