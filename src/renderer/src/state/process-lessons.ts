import type { RunRecord } from '../../../common/api.ts'
import {
  DEFAULT_PROCESSING,
  PROCESS_KERNELS,
  STRATEGIES,
  type ProcessKernel,
  type Strategy
} from '../../../common/defaults.ts'
import type { ProcessSettings } from '../../../common/schemas.ts'
import { strings } from '../strings/index.ts'
import { runName } from './run-name.ts'
import { isComplete } from './stats.ts'

/** Each kernel, and the one line of the lesson it teaches. */
export const KERNEL_LABELS: Record<ProcessKernel, { name: string; lesson: string }> =
  strings.process.kernels

/** How many images the processing view runs at once by default: the thread pool's default, kept to 2–4. */
export function defaultProcessConcurrency(defaultConcurrency: number): number {
  return Math.max(2, Math.min(defaultConcurrency, 4))
}

/** The processing view's settings when the settings file has none yet: the tutorial's numbers. */
export function processSettingsOf(
  saved: ProcessSettings | undefined,
  defaultConcurrency: number
): ProcessSettings {
  return (
    saved ?? {
      strategy: 'workers',
      concurrency: defaultProcessConcurrency(defaultConcurrency),
      kernel: 'js',
      blur: DEFAULT_PROCESSING.blur,
      maxSize: DEFAULT_PROCESSING.maxSize,
      pipeline: false
    }
  )
}

const LINES: Record<ProcessKernel, Record<Strategy, string>> = strings.process.lines

/** One short line that says why a processing run took the time it took. */
export function resultLine(kernel: ProcessKernel, strategy: Strategy, concurrency: number): string {
  // One slot runs one image at a time, whatever the strategy: the sequential lesson.
  if (strategy !== 'sequential' && concurrency === 1)
    return strings.process.oneSlot(LINES[kernel].sequential, strategy === 'pool')
  return LINES[kernel][strategy]
}

export interface ProcessBar {
  key: string
  kernel: ProcessKernel
  strategy: Strategy
  concurrency: number
  seconds: number
  runId: string
  name: string
  line: string
}

/** The newest complete processing run of each kernel and strategy over the same images. */
export function processBars(history: readonly RunRecord[], sourceKey: string): ProcessBar[] {
  const newest = history
    .filter((r) => r.kind === 'process' && r.sourceKey === sourceKey && isComplete(r) && r.kernel)
    .sort((a, b) => b.startedAt - a.startedAt)
  const bars: ProcessBar[] = []
  for (const kernel of PROCESS_KERNELS) {
    for (const strategy of STRATEGIES) {
      const run = newest.find((r) => r.kernel === kernel && r.strategy === strategy)
      if (!run) continue
      bars.push({
        key: `${kernel}-${strategy}`,
        kernel,
        strategy,
        concurrency: run.concurrency,
        seconds: run.elapsedMs / 1000,
        runId: run.runId,
        name: `${kernel} · ${runName(run, { short: true })}`,
        line: resultLine(kernel, strategy, run.concurrency)
      })
    }
  }
  return bars
}

export interface PipelineComparison {
  pipeline: RunRecord
  /** The newest complete download of the same source, and processing of its images with the same kernel. */
  download?: RunRecord
  process?: RunRecord
}

/** A pipeline beside "download everything, then process everything" of the same source and kernel. */
export function pipelineComparison(
  history: readonly RunRecord[],
  pipeline: RunRecord
): PipelineComparison {
  const newest = history.filter(isComplete).sort((a, b) => b.startedAt - a.startedAt)
  const download = newest.find((r) => r.kind === 'download' && r.sourceKey === pipeline.inputKey)
  const process = newest.find(
    (r) =>
      r.kind === 'process' &&
      r.inputKey === pipeline.inputKey &&
      r.kernel === pipeline.kernel &&
      r.blur === pipeline.blur &&
      r.maxSize === pipeline.maxSize
  )
  return { pipeline, ...(download ? { download } : {}), ...(process ? { process } : {}) }
}

/** The folder part of a path, with either separator (the page has no `path` module). */
function folderOf(file: string): string {
  return file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')))
}

/**
 * How many images a run saved directly in its folder: what processing it reads (as the service
 * counts them, src/main/service/processing/process-runs.ts). A pipeline's processed files are not.
 */
export function savedCount(run: RunRecord): number {
  const names = new Set(
    run.tasks
      .filter((t) => t.status === 'done' && t.file && folderOf(t.file) === run.dir)
      .map((t) => t.file)
  )
  return names.size
}

export interface ProcessInput {
  run: RunRecord
  /** The images it saved in its folder. */
  count: number
}

/** The download the service processes when the page names none: the newest run that saved images. */
export function latestInput(history: readonly RunRecord[]): ProcessInput | undefined {
  const run = history
    .filter((r) => (r.kind === 'download' || r.kind === 'pipeline') && r.dir && r.ok > 0)
    .sort((a, b) => b.startedAt - a.startedAt)[0]
  return run && { run, count: savedCount(run) }
}
