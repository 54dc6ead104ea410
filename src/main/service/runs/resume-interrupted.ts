/**
 * The history's Resume for a download run the app quit during.
 *
 * While a run goes, the engine says which `.part` files could be resumed
 * (`onPart`: name, validator, size, identity). When the app quits mid-run, the
 * cancelled images keep those files (`keepParts`) and `kept-parts.ts` records
 * them with the run's unfinished URLs; a cancel by the user removes them, as
 * before. Resume starts a new run of the unfinished images into the same folder,
 * each continuing its `.part` file with Range + If-Range when the file is still
 * the one the run wrote and the server's validator still matches, and starting
 * over cleanly otherwise (engine/net/resume-session.ts).
 */
import { randomUUID } from 'node:crypto'
import type { Result, RunRecord } from '../../../common/api.ts'
import type { SimulatedSource } from '../../../common/schemas.ts'
import type { KeptPart } from '../../../common/tasks.ts'
import { invalidUrlFailure } from '../../../engine/task-error.ts'
import type { DownloadRunOptions, RunSummary } from '../../../engine/run.ts'
import { HISTORY_LABEL_CHARS } from '../stores/history-limits.ts'
import type { HistoryStore } from '../stores/history-store.ts'
import type { KeptPartsStore, KeptTask } from './kept-parts.ts'
import { keptPartNow, removeKeptPart } from './kept-parts.ts'
import type { DownloadRun, Engine } from './run-request.ts'

/** What a Resume starts: the unfinished URLs, each with its kept part if it has one. */
export interface ResumePlan {
  urls: string[]
  parts: (KeptPart | undefined)[]
}

/**
 * Whether the history's Resume applies to this run: an interrupted download with images left.
 * Not one of Unsplash photos (its tasks carry credits): Resume downloads URLs, and those photos
 * must be tracked and credited, so they are searched and picked again.
 */
export function canResume(record: RunRecord): boolean {
  return (
    record.kind === 'download' &&
    !record.tasks.some((task) => task.credit !== undefined) &&
    record.interrupted &&
    record.dir !== undefined &&
    record.resumedBy === undefined &&
    record.tasks.some((task) => task.status === 'queued' || task.status === 'cancelled')
  )
}

/**
 * The images left of an interrupted run: from its kept entry (full URLs and parts)
 * when the app quit cleanly, else from the history (a run the app did not outlive
 * has no parts: they were removed at start), leaving out a URL the history cut short.
 * A simulated run's URLs are moved to this session's simulated CDN, path for path.
 */
export function planResume(
  record: RunRecord,
  kept: KeptTask[] | undefined,
  simulatedUrls?: readonly string[]
): Result<ResumePlan> {
  const left: KeptTask[] =
    kept ??
    record.tasks
      .filter((task) => task.status === 'queued' || task.status === 'cancelled')
      .filter((task) => task.label.length < HISTORY_LABEL_CHARS)
      .map((task) => ({ url: task.label }))
  const byPath = new Map((simulatedUrls ?? []).map((url) => [pathOf(url), url]))
  const tasks = left
    .map((task) => ({ ...task, url: byPath.get(pathOf(task.url)) ?? task.url }))
    .filter((task) => !invalidUrlFailure(task.url))
  if (tasks.length === 0) return { ok: false, error: 'Nothing is left to download in this run' }
  return { ok: true, value: { urls: tasks.map((t) => t.url), parts: tasks.map((t) => t.part) } }
}

function pathOf(url: string): string {
  try {
    const { pathname, search } = new URL(url)
    return `${pathname}${search}`
  } catch {
    return url
  }
}

/**
 * The engine as the app runs it: every download run keeps its resumable parts when
 * the app quits (recorded in `store`), removes them when the user cancels, and a run
 * started by Resume (`resumeFor`) continues the parts it was given. The parts of the
 * run it resumes that it did not take up (a file replaced since) are removed if
 * still the run's own.
 */
export function resumableEngine(
  engine: Engine,
  options: {
    store: KeptPartsStore
    /** The app is quitting: a cancelled run's parts are kept. */
    quitting(): boolean
    log(message: string): void
  }
): Engine & { resumeFor(runId: string, plan: ResumePlan): void } {
  const plans = new Map<string, ResumePlan>()
  return {
    ...engine,
    resumeFor(runId, plan) {
      plans.set(runId, plan)
    },
    async runDownloads(run: DownloadRunOptions): Promise<RunSummary> {
      const plan = run.runId === undefined ? undefined : plans.get(run.runId)
      if (run.runId !== undefined) plans.delete(run.runId)
      const parts = new Map<number, KeptPart>()
      const summary = await engine.runDownloads({
        ...run,
        keepParts: true,
        ...(plan ? { resume: plan.parts } : {}),
        onPart: (taskId, part) => {
          parts.set(taskId, part)
          run.onPart?.(taskId, part)
        }
      })
      const unfinished = summary.tasks.filter(
        (task) => task.status === 'cancelled' || task.status === 'queued'
      )
      const keep = run.signal?.aborted === true && options.quitting()
      const kept = new Set<string>()
      if (keep && run.runId !== undefined) {
        const tasks: KeptTask[] = []
        for (const task of unfinished) {
          const seen = parts.get(task.taskId)
          // Its size and change time as kept: what tells it from a file put at its name later.
          const part = seen && (await keptPartNow(run.dir, seen))
          if (part) kept.add(part.name)
          tasks.push({ url: run.urls[task.taskId] ?? task.label, ...(part ? { part } : {}) })
        }
        await options.store
          .put({ runId: run.runId, dir: run.dir, keptAt: Date.now(), tasks })
          .catch((error: Error) => options.log(`kept parts: ${error.message}`))
      } else {
        for (const task of unfinished) await removeKeptPart(run.dir, parts.get(task.taskId))
      }
      // The resumed run's parts that this run did not carry on are its own leftovers.
      for (const part of plan?.parts ?? [])
        if (part && !kept.has(part.name)) await removeKeptPart(run.dir, part)
      return summary
    }
  }
}

/** What starting a Resume needs of the service. */
export interface ResumeDeps {
  history: HistoryStore
  store: KeptPartsStore
  engine: { resumeFor(runId: string, plan: ResumePlan): void }
  /** Checks (and makes) the run's folder as the output folder is checked. */
  prepareFolder(dir: string): Promise<Result<string>>
  /** This session's simulated CDN's URLs for a simulated run's settings. */
  simulatedUrls(source: SimulatedSource): Promise<string[]>
  /** The rest of a download run as the settings say now: existing-files policy and limits. */
  runSettings(urls: string[]): Promise<Pick<DownloadRun, 'existing' | 'limits'>>
  start(run: DownloadRun): Result<{ runId: string }>
}

/**
 * Starts a new run of an interrupted run's unfinished images, into its folder, with its
 * strategy and concurrency; the interrupted run is then marked as resumed (one Resume).
 */
export async function startResume(
  runId: string,
  deps: ResumeDeps
): Promise<Result<{ runId: string }>> {
  const record = deps.history.list().find((run) => run.runId === runId)
  if (!record || !canResume(record) || record.dir === undefined) {
    return { ok: false, error: 'This run cannot be resumed' }
  }
  const folder = await deps.prepareFolder(record.dir)
  if (!folder.ok) return folder
  const simulated = record.simulated
    ? await deps.simulatedUrls(record.simulated).catch(() => undefined)
    : undefined
  const plan = planResume(record, deps.store.get(runId)?.tasks, simulated)
  if (!plan.ok) return plan
  const newRunId = randomUUID()
  deps.engine.resumeFor(newRunId, plan.value)
  const started = deps.start({
    kind: 'download',
    runId: newRunId,
    strategy: record.strategy,
    concurrency: record.concurrency,
    urls: plan.value.urls,
    dir: folder.value,
    ...(await deps.runSettings(plan.value.urls)),
    sourceLabel: `resume of ${record.sourceLabel}`,
    sourceKey: `resume:${record.runId}`
  })
  if (!started.ok) return started
  // The entry is the new run's now: its parts are taken up or removed by it.
  await deps.store.drop(runId)
  await deps.history.put({ ...record, resumedBy: newRunId })
  return started
}
