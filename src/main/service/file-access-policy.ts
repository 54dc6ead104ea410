import { lstat, realpath } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, resolve } from 'node:path'
import type { RunRecord } from '../../common/api.ts'
import type { RunEvent } from '../../common/events.ts'
import { resolveExistingFileWithin } from './safe-path.ts'

/**
 * The one answer to every refused `showInFolder` / `openImage`: a file that is
 * missing, outside, not saved by the app, a link or a FIFO all get these same
 * words, so the page cannot learn whether a path exists.
 */
export const FILE_NOT_ALLOWED =
  'Only an image this app saved and still lists in its history can be shown or opened'

interface SavedRun {
  dir?: string
  /** Where the run saved its images, as resolved paths. */
  files: Set<string>
}

export interface FileAccess {
  /** Follows a run's events: its folder and the files it saves. */
  note(event: RunEvent): void
  /** Keeps only the runs the history still lists (and the run in progress). */
  sync(records: readonly RunRecord[], activeRunId: string | undefined): void
  /** The real path of a file the page may have shown or opened, or null. */
  resolve(file: unknown): Promise<string | null>
}

/**
 * Which files a page may ask the system to show or open (on Windows, opening an
 * `.exe` runs it): only the images a run saved, in that run's folder, for runs
 * the history still lists. A path that is now a symbolic link, or a folder
 * link leading out of the run's folder, is refused: the saved-files check
 * compares paths as written, and a `photo.jpg` replaced by a link to `setup.exe`
 * beside it would otherwise pass it and open the program.
 */
export function createFileAccess(): FileAccess {
  let runs = new Map<string, SavedRun>()

  return {
    note(event) {
      if (event.type === 'run-started' && event.dir) {
        runs.set(event.runId, { dir: resolve(event.dir), files: new Set() })
      } else if (event.type === 'task-finished' && event.file) {
        runs.get(event.runId)?.files.add(resolve(event.file))
      }
    },

    sync(records, activeRunId) {
      const next = new Map<string, SavedRun>()
      const active = activeRunId === undefined ? undefined : runs.get(activeRunId)
      for (const record of records) {
        if (!record.dir) continue
        const files = new Set<string>()
        for (const task of record.tasks) {
          if (task.status === 'done' && task.file) files.add(resolve(task.file))
        }
        next.set(record.runId, { dir: resolve(record.dir), files })
      }
      // The run in progress: its history record does not have its finished files yet.
      if (activeRunId !== undefined && active) next.set(activeRunId, active)
      runs = next
    },

    async resolve(file) {
      if (typeof file !== 'string' || file.includes('\0') || !isAbsolute(file)) return null
      const path = resolve(file)
      const run = [...runs.values()].find((r) => r.files.has(path))
      if (!run?.dir) return null
      // Below the run's folder, real paths compared (a linked folder cannot lead out).
      const found = await resolveExistingFileWithin([run.dir], path)
      if (!found) return null
      try {
        // The file itself: a regular file, not a link (to a program) or a FIFO.
        if (!(await lstat(path)).isFile()) return null
        // Its real path is where the run saved it, in the real folder.
        if (found !== join(await realpath(dirname(path)), basename(path))) return null
      } catch {
        return null
      }
      return found
    }
  }
}
