/**
 * At most `perHost` tasks of one origin at a time, whatever the strategy. The
 * undici Agent's `connections` caps the sockets of one thread's pool, which is
 * the whole story for the promise pool; worker threads each hold their own
 * Agent, so only a gate before the executor caps them all. Tasks wait here, not
 * in a lane, so the timeline shows only what is really downloading.
 *
 * When the run is cancelled every waiting task is handed over at once: the
 * executor cancels it, and the run's records stay whole.
 */
export class HostGate {
  private readonly perHost: number
  private readonly running = new Map<string, number>()
  private readonly waiting = new Map<string, (() => void)[]>()
  private released = false

  constructor(perHost: number, signal?: AbortSignal) {
    this.perHost = perHost
    signal?.addEventListener('abort', () => this.releaseAll(), { once: true })
  }

  /** Runs `start` once the URL's origin has a free slot; its promise settling frees the slot. */
  submit(url: string, start: () => Promise<unknown>): void {
    if (this.perHost <= 0 || this.released) {
      void start().catch(() => undefined)
      return
    }
    const origin = originOf(url)
    const launch = (): void => {
      this.running.set(origin, (this.running.get(origin) ?? 0) + 1)
      void start()
        .catch(() => undefined)
        .finally(() => this.done(origin))
    }
    if ((this.running.get(origin) ?? 0) < this.perHost) launch()
    else this.waiting.set(origin, [...(this.waiting.get(origin) ?? []), launch])
  }

  private done(origin: string): void {
    this.running.set(origin, (this.running.get(origin) ?? 1) - 1)
    const next = this.waiting.get(origin)?.shift()
    next?.()
  }

  private releaseAll(): void {
    this.released = true
    const queued = [...this.waiting.values()].flat()
    this.waiting.clear()
    for (const launch of queued) launch()
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}
