import { WorkerPool } from '../src/engine/threads/worker-pool.ts'
import type { Log } from './measure.ts'
import type { RunSample } from './types.ts'

/**
 * The engine's WorkerPool kept across runs, as the app keeps one (src/main/service/app-service.ts):
 * each run is the engine's own `runDownloads` or `runSleep` with `workerPool`. The pool's first run
 * starts its threads and loads their code, as the app's first workers run does; it is run once,
 * not counted, before the first measured run. Unlike the app's pool, this one has no idle timeout
 * (the app ends threads idle for 60 s): its threads stay until close(), however long the other
 * contenders of a round take.
 */
export class KeptPool {
  readonly pool = new WorkerPool()
  private firstRun: Promise<void> | undefined
  private readonly label: string
  private readonly log: Log

  constructor(label: string, log: Log) {
    this.label = label
    this.log = log
  }

  /** One measured run on the kept pool, after the pool's uncounted first run. */
  async run(run: (workerPool: WorkerPool) => Promise<RunSample>): Promise<RunSample> {
    this.firstRun ??= run(this.pool).then((sample) => {
      this.log(
        `  first run on the kept pool (not counted): ${this.label} ${(sample.ms / 1000).toFixed(3)} s, ` +
          `${this.pool.threadsStarted} threads started`
      )
    })
    await this.firstRun
    const started = this.pool.threadsStarted
    const sample = await run(this.pool)
    const more = this.pool.threadsStarted - started
    // A kept pool's measured run should find every thread it needs already there.
    if (more > 0) this.log(`  ${this.label}: ${more} threads started inside a measured run`)
    return sample
  }

  async close(): Promise<void> {
    await this.pool.close()
  }
}
