import { join } from 'node:path'
import { DEFAULT_PROCESSING } from '../common/defaults.ts'
import type { TaskRecord } from '../common/events.ts'
import type { PipelineRunOptions, RunSummary } from '../engine/run-types.ts'
import { UsageError } from './args.ts'
import type { Options } from './args.ts'
import { kernelOptions, kernelSettingsOf, processStageOf } from './process-args.ts'
import { taskJson } from './download-json.ts'
import { MadeList } from './print-json.ts'
import { processTaskJson } from './process-json.ts'

/** `download --process`: each image processed as soon as it is saved (runPipeline). */
export const pipelineOptions = {
  process: { type: 'boolean' },
  ...kernelOptions,
  'process-strategy': { type: 'string' },
  'process-concurrency': { type: 'string' }
} satisfies Options

export type PipelineStage = PipelineRunOptions['process']

/** The processing stage `--process` asks for; undefined without it, when its options are bad usage. */
export function pipelineStageOf(values: Record<string, unknown>): PipelineStage | undefined {
  if (values.process !== true) {
    const stray = ['kernel', 'blur', 'max-size', 'process-strategy', 'process-concurrency'].find(
      (name) => values[name] !== undefined
    )
    if (stray) throw new UsageError(`--${stray} is for --process (download and process)`)
    return undefined
  }
  return { ...kernelSettingsOf(values), ...processStageOf(values) }
}

/** A pipeline's tasks by stage: downloads are 0..n-1, and n+i processes what download i saved. */
export function pipelineStages(summary: RunSummary): {
  downloads: TaskRecord[]
  processed: TaskRecord[]
} {
  const n = summary.tasks.length / 2
  return { downloads: summary.tasks.slice(0, n), processed: summary.tasks.slice(n) }
}

function tally(tasks: TaskRecord[]): { ok: number; failed: number; cancelled: number } {
  const count = (status: string): number => tasks.filter((task) => task.status === status).length
  return { ok: count('done'), failed: count('failed'), cancelled: count('cancelled') }
}

/** `download --process`'s stderr line when anything did not finish, for both stages. */
export function pipelineTally(summary: RunSummary): string | undefined {
  const { downloads, processed } = pipelineStages(summary)
  const d = tally(downloads)
  const p = tally(processed)
  if (d.failed + d.cancelled + p.failed + p.cancelled === 0) return undefined
  return (
    `${d.ok} saved, ${d.failed} failed, ${d.cancelled} cancelled; ` +
    `${p.ok} processed, ${p.failed} failed, ${p.cancelled} cancelled`
  )
}

/**
 * `download --process --json`: download's object for the downloads (its counts theirs), and
 * `process`, the processing stage's, with its tasks as `process --json` has them.
 */
export function pipelineJson(
  download: object,
  summary: RunSummary,
  stage: PipelineStage,
  dir: string
): object {
  const { downloads, processed } = pipelineStages(summary)
  return {
    ...download,
    kind: 'pipeline',
    ...tally(downloads),
    bytes: downloads.reduce((sum, task) => sum + task.bytes, 0),
    tasks: new MadeList(downloads, taskJson),
    process: {
      kernel: stage.kernel,
      strategy: stage.strategy ?? summary.strategy,
      concurrency: stage.concurrency ?? summary.concurrency,
      blur: stage.blur,
      maxSize: stage.maxSize,
      outDir: stage.outDir ?? join(dir, DEFAULT_PROCESSING.folderName),
      ...tally(processed),
      tasks: processed.map((task, i) => processTaskJson(task, downloads[i]?.file ?? null))
    }
  }
}
