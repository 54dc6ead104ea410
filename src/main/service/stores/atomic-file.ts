import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * Writes a file so that a crash leaves either the old or the new content, never
 * half of one: a temporary file beside it, flushed to disk, then renamed over it.
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    const handle = await open(temp, 'w', 0o600)
    try {
      await handle.writeFile(data, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/**
 * Serializes the writes of one file: each waits for the one before, and a write
 * asked for while another is waiting replaces it, since only the latest content matters.
 */
export function createSerialWriter(file: string): {
  write(data: string): Promise<void>
  flush(): Promise<void>
} {
  let running: Promise<void> = Promise.resolve()
  let pending: { data: string; done: Promise<void> } | undefined

  function write(data: string): Promise<void> {
    if (pending) {
      pending.data = data
      return pending.done
    }
    const next = { data, done: Promise.resolve() }
    // `running` never rejects: each write's failure goes to its own callers.
    next.done = running.then(() => {
      pending = undefined
      return writeFileAtomic(file, next.data)
    })
    pending = next
    running = next.done.catch(() => undefined)
    return next.done
  }

  return { write, flush: () => running }
}

/** JSON.parse for a file a person may have edited: a leading byte-order mark (Notepad's) is not damage. */
export function parseJsonFile(text: string): unknown {
  return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text)
}
