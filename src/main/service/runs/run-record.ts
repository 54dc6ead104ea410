import { join } from 'node:path'
import type { RunRecord } from '../../../common/api.ts'
import type { RunFinishedEvent, RunStartedEvent, TaskRecord } from '../../../common/events.ts'
import { sleepTaskLabel } from '../../../common/tasks.ts'
import type { AnyRun } from './run-request.ts'

/** What a run's tasks are called before its run-started names them. */
function plannedLabels(run: AnyRun): string[] {
  if (run.kind === 'sleep') return run.seconds.map(sleepTaskLabel)
  if (run.kind === 'process') return run.files
  if (run.kind === 'pipeline') return [...run.urls, ...run.urls]
  return run.urls
}

/** A processing or pipeline run's knobs, as its record keeps them. */
function processFields(run: AnyRun): Partial<RunRecord> {
  if (run.kind === 'process') {
    const { kernel, blur, maxSize, outDir, inputKey } = run
    return { kernel, blur, maxSize, outDir, inputKey }
  }
  if (run.kind === 'pipeline') {
    const { kernel, blur, maxSize, outDir } = run.process
    return { kernel, blur, maxSize, outDir, inputKey: run.inputKey }
  }
  return {}
}

/**
 * The record written when a run starts, marked interrupted until its end
 * rewrites it: if the app quits mid-run, the next start shows it as interrupted.
 * Each queued task keeps its planned file so that the next start can remove its `.part`.
 */
export function startRecord(run: AnyRun, started: RunStartedEvent | undefined): RunRecord {
  const labels = plannedLabels(run)
  const infos =
    started?.tasks ?? labels.map((label, taskId) => ({ taskId, label, fileName: undefined }))
  return {
    runId: run.runId,
    kind: run.kind,
    strategy: run.strategy,
    concurrency: run.concurrency,
    sourceLabel: run.sourceLabel,
    sourceKey: run.sourceKey,
    ...(run.kind === 'sleep' ? { mode: run.mode } : {}),
    ...(run.kind === 'download' || run.kind === 'pipeline' ? { dir: run.dir } : {}),
    ...(run.kind === 'process' ? { dir: run.inDir } : {}),
    ...((run.kind === 'download' || run.kind === 'pipeline') && run.simulated
      ? { simulated: run.simulated }
      : {}),
    ...processFields(run),
    startedAt: started?.startedAt ?? Date.now(),
    count: infos.length,
    bytes: 0,
    elapsedMs: 0,
    ok: 0,
    failed: 0,
    cancelled: 0,
    interrupted: true,
    tasks: infos.map((info) => ({
      taskId: info.taskId,
      label: info.label,
      status: 'queued',
      ...(plannedFile(run, info) ?? {}),
      ...('credit' in info && info.credit ? { credit: info.credit } : {}),
      bytes: 0,
      startMs: null,
      endMs: null,
      lane: null
    }))
  }
}

/**
 * The record that replaces the start's once the run has ended: its totals, its
 * tasks (each with the reason its preview could not be made, if so), and whether
 * the app quit during it.
 */
export function finalRecord(
  base: RunRecord,
  end: RunFinishedEvent,
  tasks: TaskRecord[],
  previewNotes: ReadonlyMap<number, string>,
  interrupted: boolean
): RunRecord {
  // The engine's tasks do not know an Unsplash photo's credit: the start's record does.
  const credits = new Map(base.tasks.map((task) => [task.taskId, task.credit]))
  const noted = tasks.map((task) => {
    const note = previewNotes.get(task.taskId)
    const credit = task.credit ?? credits.get(task.taskId)
    return { ...task, ...(note ? { message: note } : {}), ...(credit ? { credit } : {}) }
  })
  return {
    ...base,
    count: noted.length,
    bytes: end.bytes,
    elapsedMs: end.elapsedMs,
    ok: end.ok,
    failed: end.failed,
    cancelled: end.cancelled,
    interrupted,
    tasks: noted
  }
}

/** Where a task will write, so that a quit mid-run can remove its `.part` file at the next start. */
function plannedFile(
  run: AnyRun,
  info: { fileName?: string | undefined; stage?: string | undefined }
): { file: string } | undefined {
  if (!info.fileName) return undefined
  if (run.kind === 'download') return { file: join(run.dir, info.fileName) }
  if (run.kind === 'process') return { file: join(run.outDir, info.fileName) }
  if (run.kind === 'pipeline')
    return { file: join(info.stage === 'process' ? run.process.outDir : run.dir, info.fileName) }
  return undefined
}
