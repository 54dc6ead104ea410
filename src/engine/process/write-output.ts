/**
 * Writes a processed image the way a download is saved (engine/files/): into a hidden
 * `.part` file of its own, created with O_EXCL and O_NOFOLLOW in the folder the run
 * chose (held by its descriptor, refused if moved or replaced), then named under the
 * existing-files policy by finalizePart, which never replaces a file the app did not
 * write (unless `replace`), nor a folder or a link. The name is the input's own.
 */
import { basename, join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { pathToFileURL } from 'node:url'
import type { ProcessResult, ProcessTask } from '../../common/tasks.ts'
import { finalizePart } from '../files/finalize.ts'
import { openFolder } from '../files/folder.ts'
import type { ImageType } from '../files/image-type.ts'
import { PartFile } from '../files/part-file.ts'
import { TaskFailure } from '../task-error.ts'
import { classifyWriteError } from '../tasks/download-errors.ts'

/** The key a processed image has in its folder's manifest: the `file:` URL of its input. */
export function sourceKey(input: string): string {
  return pathToFileURL(input).href
}

export async function writeOutput(
  task: ProcessTask,
  bytes: Buffer,
  type: ImageType
): Promise<Pick<ProcessResult, 'file' | 'bytes' | 'outcome' | 'saved'>> {
  try {
    const folder = await openFolder(task.outDir, task.folder)
    let part: PartFile | undefined
    try {
      part = await PartFile.create(folder, task.fileName)
      await pipeline(Readable.from([bytes]), part.writer())
      part.imageType = type
      const target = { ...task, url: sourceKey(task.input) }
      const done = await finalizePart(part, target, type)
      part = undefined
      return {
        file: join(task.outDir, done.name),
        bytes: done.saved.size,
        outcome: done.outcome,
        ...(done.own ? { saved: done.saved } : {})
      }
    } finally {
      await part?.discard()
      await folder.close().catch(() => undefined)
    }
  } catch (error) {
    if (error instanceof TaskFailure) {
      throw new TaskFailure(error.code, `${task.fileName}: ${error.message}`, { cause: error })
    }
    const known = classifyWriteError(error)
    const reason = known?.message ?? (error instanceof Error ? error.message : String(error))
    throw new TaskFailure(
      known?.code ?? 'write_failed',
      `cannot write ${basename(task.fileName)} into ${task.outDir}: ${reason}`,
      { cause: error }
    )
  }
}
