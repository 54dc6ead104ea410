import { rm } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { partFilesFor } from '../../../engine/files/part-file.ts'
import type { KeptPartsStore } from '../runs/kept-parts.ts'
import { canResume } from '../runs/resume-interrupted.ts'
import type { HistoryStore } from './history-store.ts'

/**
 * At start-up, after a quit mid-run:
 *
 * - The parts a clean quit kept for Resume (`kept`) stay while their run is in the
 *   history, resumable and younger than KEPT_PART_MAX_AGE_MS; the others are removed
 *   (only the very files those runs wrote: runs/kept-parts.ts).
 * - A run the app did not outlive (killed, crashed) has no kept entry: its `.part`
 *   files (only the names it planned, never another program's, nor a part kept for
 *   another run's Resume) are removed, and the planned names forgotten, so that the
 *   record lists no file it does not have. Resume then starts its images over.
 */
export async function cleanUpInterruptedRuns(
  history: HistoryStore,
  kept?: KeptPartsStore
): Promise<number> {
  let removed = 0
  const runs = history.list()
  if (kept) removed += await kept.prune(new Set(runs.filter(canResume).map((run) => run.runId)))
  const spared = kept?.paths() ?? new Set<string>()
  for (const record of runs) {
    if (!record.interrupted) continue
    const planned = record.tasks.filter((task) => task.status === 'queued' && task.file)
    if (planned.length === 0) continue
    for (const task of planned) {
      const file = task.file ?? ''
      // `.<name>.<random>.part` (engine/files/part-file.ts), and `<name>.part` of earlier versions.
      const parts = [...(await partFilesFor(dirname(file), basename(file))), `${file}.part`]
      for (const part of parts) {
        if (spared.has(part)) continue
        try {
          await rm(part)
          removed++
        } catch {
          // Not there: the run had not reached it, or it finished.
        }
      }
    }
    await history.put({
      ...record,
      tasks: record.tasks.map((task) => {
        if (task.status !== 'queued') return task
        const { file: _file, ...rest } = task
        return rest
      })
    })
  }
  return removed
}
