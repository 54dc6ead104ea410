import type { SimulatedSource } from '../../../common/schemas.ts'

export interface RunningCdn {
  urls: string[]
  close(): Promise<void>
}

export type StartCdn = (options: SimulatedSource) => Promise<RunningCdn>

/**
 * Keeps one simulated CDN running while its options stay the same, so that two
 * runs of the same source hit the same server (and give comparable numbers).
 */
export function createSimulatedSource(start: StartCdn): {
  urls(options: SimulatedSource): Promise<string[]>
  close(): Promise<void>
} {
  let current: { key: string; cdn: Promise<RunningCdn> } | undefined

  async function close(): Promise<void> {
    const closing = current
    current = undefined
    if (closing) await (await closing.cdn.catch(() => undefined))?.close()
  }

  return {
    async urls(options) {
      const key = JSON.stringify([
        options.count,
        options.sizeKB,
        options.latencyMs,
        options.bandwidthKBps,
        options.photoPixels ?? null
      ])
      if (current?.key !== key) {
        await close()
        const cdn = start(options)
        current = { key, cdn }
        // A failed start is not kept: the next run tries again.
        cdn.catch(() => {
          if (current?.cdn === cdn) current = undefined
        })
      }
      return [...(await current.cdn).urls]
    },
    close
  }
}
