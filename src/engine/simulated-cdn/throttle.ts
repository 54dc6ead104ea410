import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Chunks small enough to pace smoothly (about 10 ms of transfer each) and large enough not to
 * cost a timer per kilobyte.
 */
export function chunkSizeFor(bytesPerSecond: number): number {
  if (bytesPerSecond <= 0) return 64 * 1024
  return Math.min(64 * 1024, Math.max(1024, Math.round(bytesPerSecond / 100)))
}

export interface PaceOptions {
  /** 0 means as fast as the socket takes it. */
  bytesPerSecond: number
  signal: AbortSignal
}

/**
 * Writes the chunks so that by any moment no more than `bytesPerSecond` × elapsed has gone out,
 * measured against the wall clock from the first chunk, so timer lateness does not add up. Waits
 * for 'drain' when the socket is full. Resolves true once the last chunk is handed to the OS,
 * false if the signal aborted first.
 */
export async function writePaced(
  out: Writable,
  chunks: Iterable<Buffer>,
  { bytesPerSecond, signal }: PaceOptions
): Promise<boolean> {
  const start = performance.now()
  let sent = 0
  let flushed: Promise<void> = Promise.resolve()
  try {
    for (const chunk of chunks) {
      if (signal.aborted) return false
      if (bytesPerSecond > 0) {
        const due = start + ((sent + chunk.length) / bytesPerSecond) * 1000
        const wait = due - performance.now()
        if (wait >= 1) await sleep(wait, undefined, { signal })
      }
      let done!: () => void
      flushed = new Promise((resolve) => (done = resolve))
      const ok = out.write(chunk, () => done())
      sent += chunk.length
      if (!ok) await once(out, 'drain', { signal })
    }
    await Promise.race([flushed, abortedPromise(signal)])
    return !signal.aborted
  } catch (error) {
    if (signal.aborted) return false
    throw error
  }
}

function abortedPromise(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve()
    else signal.addEventListener('abort', () => resolve(), { once: true })
  })
}
