import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type { AppApi, Result } from '../../../common/api.ts'
import { DEFAULT_STALL_SETTING, stallLimits } from '../../../common/defaults.ts'
import type { DownloadLimits } from '../../../common/defaults.ts'
import {
  downloadRequestSchema,
  pipelineRequestSchema,
  processRequestSchema,
  sleepRequestSchema
} from '../../../common/schemas.ts'
import type { Settings } from '../../../common/schemas.ts'
import type { OutputFolder } from '../output-folder-policy.ts'
import { pipelineKey, processedDir, processRunFor } from '../processing/process-runs.ts'
import type { HistoryStore } from '../stores/history-store.ts'
import { systemProxySetting } from '../system-proxy.ts'
import type { ProxyPort } from '../system-proxy.ts'
import { describeZodError } from '../zod-message.ts'
import type { UnsplashCalls } from '../unsplash/unsplash-calls.ts'
import { RUN_IN_PROGRESS } from './run-controller.ts'
import type { DownloadRun, RunController } from './run-controller.ts'
import { workerThreadProblem } from './run-limits.ts'
import type { UnsplashPhotos } from './run-request.ts'
import { resolveSource, sleepKey, sleepLabel } from './run-sources.ts'
import type { ResolvedUrls } from './run-sources.ts'
import type { createSimulatedSource } from './simulated-source.ts'

const UNSPLASH_NO_PIPELINE =
  'Photos from Unsplash download on their own, to be tracked and credited: download them, then process them'

type Started = Promise<Result<{ runId: string }>>

export interface RunStartsOptions {
  controller: RunController
  history: Pick<HistoryStore, 'list'>
  settings: { get(): Settings }
  outputFolder: Pick<OutputFolder, 'prepare'>
  cdn: Pick<ReturnType<typeof createSimulatedSource>, 'urls'>
  resolveUnsplash: UnsplashCalls['resolve']
  cpuCount: number
  proxy: ProxyPort | undefined
  log: (message: string) => void
}

export type RunStarts = Pick<
  AppApi,
  'startDownload' | 'startProcess' | 'startPipeline' | 'startSleep'
> & {
  /** Refuses a second start at once, even while the first is still preparing. */
  startOne(prepare: () => Started): Started
  /** This session's limits for a run of these URLs: the stall setting and the system's proxy. */
  runSettings(
    urls: string[]
  ): Promise<{ existing: Settings['existing']; limits: Partial<DownloadLimits> }>
}

/** What each start call checks, and the run it hands the controller. */
export function createRunStarts(options: RunStartsOptions): RunStarts {
  const { controller, settings, outputFolder, cdn, cpuCount, log } = options
  let starting = false

  async function startOne(prepare: () => Started): Started {
    if (starting || controller.activeRunId) return { ok: false, error: RUN_IN_PROGRESS }
    starting = true
    try {
      return await prepare()
    } finally {
      starting = false
    }
  }

  async function runSettings(urls: string[]) {
    return {
      existing: settings.get().existing,
      limits: {
        ...stallLimits(settings.get().stall ?? DEFAULT_STALL_SETTING),
        proxy: await systemProxySetting(urls, options.proxy, log)
      }
    }
  }

  /** A download's run, less its kind and id: the folder, the URLs and the limits of this session. */
  async function prepareDownload(
    request: z.output<typeof downloadRequestSchema>
  ): Promise<Result<Omit<DownloadRun, 'kind' | 'runId'>>> {
    const { strategy, concurrency, source } = request
    const dir = await outputFolder.prepare()
    if (!dir.ok) return dir
    let resolved: Result<ResolvedUrls>
    let unsplash: UnsplashPhotos | undefined
    if (source.kind === 'unsplash') {
      const picked = options.resolveUnsplash(source.photoIds, source.imageSize)
      if (picked.ok) unsplash = picked.value.unsplash
      resolved = picked
    } else resolved = await resolveSource(source, dir.value, cdn)
    if (!resolved.ok) return resolved
    const { urls, sourceLabel, sourceKey } = resolved.value
    return {
      ok: true,
      value: {
        strategy,
        concurrency,
        urls,
        dir: dir.value,
        ...(await runSettings(urls)),
        sourceLabel,
        sourceKey,
        ...(source.kind === 'simulated' ? { simulated: source.simulated } : {}),
        ...(unsplash ? { unsplash } : {})
      }
    }
  }

  /** Parses a request and checks its threads before `start` sees it. */
  function checked<S extends z.ZodType>(
    name: string,
    schema: S,
    threads: (request: z.output<S>) => string | null,
    start: (request: z.output<S>) => Started
  ): (request: unknown) => Started {
    return (request) =>
      startOne(async () => {
        const parsed = schema.safeParse(request)
        if (!parsed.success) return { ok: false, error: describeZodError(name, parsed.error) }
        const tooMany = threads(parsed.data)
        if (tooMany) return { ok: false, error: tooMany }
        return start(parsed.data)
      })
  }
  const threadsOf = (r: { strategy: DownloadRun['strategy']; concurrency: number }) =>
    workerThreadProblem(r.strategy, r.concurrency, cpuCount)
  // A download run's lanes share the pool's few threads: only its concurrency's schema cap holds.
  const sharedThreads = (): null => null

  return {
    startOne,
    runSettings,

    startDownload: checked('download request', downloadRequestSchema, sharedThreads, async (r) => {
      const download = await prepareDownload(r)
      if (!download.ok) return download
      return controller.start({ kind: 'download', runId: randomUUID(), ...download.value })
    }),

    startProcess: checked('process request', processRequestSchema, threadsOf, async (r) => {
      const run = processRunFor(
        r,
        options.history.list(),
        controller.activeRunId,
        settings.get().existing
      )
      return run.ok ? controller.start(run.value) : run
    }),

    startPipeline: checked(
      'pipeline request',
      pipelineRequestSchema,
      (r) => threadsOf(r.process),
      async ({ download: asked, process }) => {
        if (asked.source.kind === 'unsplash') return { ok: false, error: UNSPLASH_NO_PIPELINE }
        const download = await prepareDownload(asked)
        if (!download.ok) return download
        const { sourceKey, sourceLabel, dir } = download.value
        return controller.start({
          kind: 'pipeline',
          runId: randomUUID(),
          ...download.value,
          // The source's own label: the record keeps the kernel, blur and size apart.
          sourceLabel,
          sourceKey: pipelineKey(sourceKey, process),
          inputKey: sourceKey,
          process: { ...process, outDir: processedDir(dir) }
        })
      }
    ),

    startSleep: checked('sleep request', sleepRequestSchema, threadsOf, async (r) =>
      controller.start({
        kind: 'sleep',
        runId: randomUUID(),
        ...r,
        sourceLabel: sleepLabel(r),
        sourceKey: sleepKey(r)
      })
    )
  }
}
