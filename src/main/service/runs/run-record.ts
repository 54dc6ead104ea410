import { join } from 'node:path'
import type { RunRecord } from '../../../common/api.ts'
import type { RunFinishedEvent, RunStartedEvent, TaskRecord } from '../../../common/events.ts'
import { sleepTaskLabel } from '../../../common/tasks.ts'
import type { DownloadRun, SleepRun } from './run-request.ts'

/**
 * The record written when a run starts, marked interrupted until its end
 * rewrites it: if the app quits mid-run, the next start shows it as interrupted.
 * Each queued task keeps its planned file so that the next start can remove its `.part`.
 */
export function startRecord(
  run: DownloadRun | SleepRun,
  started: RunStartedEvent | undefined
): RunRecord {
  const labels = run.kind === 'download' ? run.urls : run.seconds.map(sleepTaskLabel)
  const infos =
    started?.tasks ?? labels.map((label, taskId) => ({ taskId, label, fileName: undefined }))
  return {
    runId: run.runId,
    kind: run.kind,
    strategy: run.strategy,
    concurrency: run.concurrency,
    sourceLabel: run.sourceLabel,
    sourceKey: run.sourceKey,
    ...(run.kind === 'sleep' ? { mode: run.mode } : { dir: run.dir }),
    ...(run.kind === 'download' && run.simulated ? { simulated: run.simulated } : {}),
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
      ...(run.kind === 'download' && info.fileName ? { file: join(run.dir, info.fileName) } : {}),
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
  const noted = tasks.map((task) => {
    const note = previewNotes.get(task.taskId)
    return note ? { ...task, message: note } : task
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
