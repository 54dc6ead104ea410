import { rm } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { partFilesFor } from '../../../engine/files/part-file.ts'
import type { HistoryStore } from './history-store.ts'

/**
 * After a quit mid-run: removes the `.part` files the interrupted runs left in
 * their folders (only the names those runs planned, never another program's),
 * then forgets the planned names so the record lists no file it does not have.
 */
export async function cleanUpInterruptedRuns(history: HistoryStore): Promise<number> {
  let removed = 0
  for (const record of history.list()) {
    if (!record.interrupted) continue
    const planned = record.tasks.filter((task) => task.status === 'queued' && task.file)
    if (planned.length === 0) continue
    for (const task of planned) {
      const file = task.file ?? ''
      // `.<name>.<random>.part` (engine/files/part-file.ts), and `<name>.part` of earlier versions.
      const parts = [...(await partFilesFor(dirname(file), basename(file))), `${file}.part`]
      for (const part of parts) {
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
