import { copyFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RunRecord } from '../../../common/api.ts'
import { createSerialWriter, parseJsonFile } from './atomic-file.ts'
import { boundedCopy, boundHistory } from './history-limits.ts'
import { runRecordSchema } from './history-schema.ts'

export const HISTORY_FILE = 'history.json'
export const HISTORY_LIMIT = 300

export interface HistoryStoreOptions {
  userDataDir: string
  limit?: number
  /** Tasks kept across all runs (history-limits.ts). */
  taskBudget?: number
  onNotice?: (message: string) => void
}

export interface HistoryStore {
  /** Newest first. */
  list(): RunRecord[]
  /** Adds a run, or replaces the one with its runId; the oldest runs beyond the limit are dropped. */
  put(record: RunRecord): Promise<void>
  clear(): Promise<void>
  flush(): Promise<void>
}

interface HistoryFile {
  version: 1
  runs: RunRecord[]
}

export async function openHistoryStore(options: HistoryStoreOptions): Promise<HistoryStore> {
  const file = join(options.userDataDir, HISTORY_FILE)
  const limit = options.limit ?? HISTORY_LIMIT
  const writer = createSerialWriter(file)
  const loaded = await load(file, options.onNotice)
  let runs = loaded.runs.slice(0, limit)
  // A history written before the limits, or by hand, is cut down once and rewritten.
  const cutOnLoad = boundHistory(runs, options.taskBudget)

  const save = (): Promise<void> => {
    const content: HistoryFile = { version: 1, runs }
    return writer.write(JSON.stringify(content))
  }
  // The damaged file is kept aside: what could be read replaces it, so the next start is quiet.
  if (loaded.keptAside || cutOnLoad) await save().catch(() => undefined)

  return {
    list: () => structuredClone(runs),
    put(record) {
      const copy = boundedCopy(record)
      const index = runs.findIndex((r) => r.runId === record.runId)
      if (index >= 0) runs = runs.with(index, copy)
      else runs = [copy, ...runs].slice(0, limit)
      boundHistory(runs, options.taskBudget)
      return save()
    },
    clear() {
      runs = []
      return save()
    },
    flush: () => writer.flush()
  }
}

async function load(
  file: string,
  onNotice: ((message: string) => void) | undefined
): Promise<{ runs: RunRecord[]; keptAside: boolean }> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      onNotice?.(`The run history could not be read (${(error as Error).message}).`)
    }
    return { runs: [], keptAside: false }
  }
  let keptAside = false
  const keepAside = async (): Promise<string> => {
    const kept = `${file}.corrupt-${Date.now()}`
    try {
      await copyFile(file, kept)
    } catch {
      return '(it could not be copied, and stays as it is)'
    }
    keptAside = true
    return kept
  }
  let runs: unknown[]
  try {
    const data = parseJsonFile(text) as Partial<HistoryFile>
    if (!Array.isArray(data.runs)) throw new Error('no runs')
    runs = data.runs
  } catch {
    const kept = await keepAside()
    onNotice?.(`The run history was damaged and starts empty. The old file was kept as ${kept}.`)
    return { runs: [], keptAside }
  }
  const valid = runs.flatMap((run) => {
    const parsed = runRecordSchema.safeParse(run)
    return parsed.success ? [parsed.data as RunRecord] : []
  })
  if (valid.length < runs.length) {
    const kept = await keepAside()
    onNotice?.(
      valid.length === 0
        ? `The run history was damaged and starts empty. The old file was kept as ${kept}.`
        : `${runs.length - valid.length} damaged run(s) were left out of the history. The old file was kept as ${kept}.`
    )
  }
  return { runs: valid, keptAside }
}
