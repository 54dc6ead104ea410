import { summarize } from './stats.ts'
import type { Contender, Row, RunSample } from './types.ts'

export type Log = (line: string) => void

/**
 * Runs every contender its number of times, round-robin (one run of each, then the next round),
 * so noise from a busy machine falls on all of them alike. A run that throws is logged and
 * counted as not saved.
 */
export async function measure(contenders: Contender[], log: Log): Promise<Row[]> {
  const samples = contenders.map((): RunSample[] => [])
  const errors = contenders.map((): string[] => [])
  const rounds = Math.max(
    0,
    ...contenders.map((contender) => (contender.notRun ? 0 : contender.runs))
  )
  for (let round = 0; round < rounds; round++) {
    for (const [index, contender] of contenders.entries()) {
      if (contender.notRun || round >= contender.runs) continue
      const label = `${contender.who} ×${contender.concurrency} run ${round + 1}/${contender.runs}`
      const unsettledMs = await settle()
      if (unsettledMs !== undefined)
        log(`  (this process was still busy ${unsettledMs} ms before ${label}: ran anyway)`)
      try {
        const sample = await contender.run()
        samples[index]?.push(sample)
        const missing = sample.total - sample.ok
        log(
          `  ${label}: ${(sample.ms / 1000).toFixed(3)} s${missing ? `, ${missing} NOT SAVED` : ''}`
        )
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        errors[index]?.push(message)
        log(`  ${label}: failed: ${message}`)
      }
    }
  }
  return contenders.map((contender, index) =>
    toRow(contender, samples[index] ?? [], errors[index] ?? [])
  )
}

/**
 * Waits until this process is idle: what the run before left behind (64 worker threads ending, or
 * each one's JIT compiling its hot code after a run, seconds of CPU on 2 cores) must not be
 * counted in the next contender's time. Idle: under 10 ms of CPU in a 100 ms window. Gives up
 * after 5 s and returns how long it waited.
 */
async function settle(): Promise<number | undefined> {
  const started = performance.now()
  for (;;) {
    const before = process.cpuUsage()
    await new Promise((resolve) => setTimeout(resolve, 100))
    const used = process.cpuUsage(before)
    if (used.user + used.system < 10_000) return undefined
    const waited = performance.now() - started
    if (waited > 5000) return Math.round(waited)
  }
}

export function toRow(contender: Contender, samples: RunSample[], errors: string[] = []): Row {
  const row: Row = {
    who: contender.who,
    peer: contender.peer,
    concurrency: contender.concurrency,
    idealMs: contender.idealMs,
    samples
  }
  if (contender.notRun) row.notRun = contender.notRun
  else if (samples.length === 0) row.notRun = `every run failed: ${errors[0] ?? 'no run'}`
  if (samples.length === 0) return row
  row.time = summarize(samples.map((sample) => sample.ms))
  const memory = samples.filter((sample) => sample.peakRssMiB !== undefined)
  if (memory.length > 0) {
    row.peakRss = summarize(memory.map((sample) => sample.peakRssMiB ?? 0))
    row.rssGrowth = summarize(
      memory.map((sample) => (sample.peakRssMiB ?? 0) - (sample.rssBeforeMiB ?? 0))
    )
  }
  return row
}

/** The fastest peer at that concurrency on a list as long (median time), if one ran. */
export function bestPeer(rows: Row[], concurrency: number, total?: number): Row | undefined {
  return rows
    .filter(
      (row) =>
        row.peer &&
        row.concurrency === concurrency &&
        row.time &&
        (total === undefined || row.samples[0]?.total === total)
    )
    .sort((a, b) => (a.time?.median ?? 0) - (b.time?.median ?? 0))[0]
}
