import { errorTitle, isNetworkFailure } from './error-text.ts'
import { formatSeconds } from './format.ts'
import type { RunView } from './run-state.ts'

/** The run's state in one word or three: what the pill says. */
export function runState(
  run: RunView
): 'Running' | 'Cancelled' | 'Finished with failures' | 'Finished' {
  if (run.finished === null) return 'Running'
  if (run.cancelled > 0 && run.ok + run.failed < run.tasks.length) return 'Cancelled'
  return run.failed > 0 ? 'Finished with failures' : 'Finished'
}

/** Share of the images tried that must have failed on the network itself for "offline". */
const OFFLINE_SHARE = 0.8

/** The failures of a finished download that say the network is out of reach, or null when it is not that. */
export function offlineFailures(run: RunView | null): { count: number; title: string } | null {
  if (!run?.finished || run.kind !== 'download' || run.failed === 0) return null
  let count = 0
  let code: Parameters<typeof errorTitle>[0] | undefined
  for (const task of run.tasks) {
    if (task.status === 'failed' && task.error && isNetworkFailure(task.error.code)) {
      count++
      code ??= task.error.code
    }
  }
  if (count === 0 || count < OFFLINE_SHARE * (run.ok + run.failed)) return null
  return { count, title: code ? errorTitle(code) : 'Failed' }
}

/** What a screen reader hears when a run ends: said politely, once. */
export function runEndText(run: RunView | null, what: string): string {
  if (!run?.finished) return ''
  const state = runState(run)
  const parts = [`${run.ok} of ${run.tasks.length} ${run.kind === 'download' ? 'saved' : 'done'}`]
  if (run.failed) parts.push(`${run.failed} failed`)
  if (run.cancelled) parts.push(`${run.cancelled} cancelled`)
  return `${what} ${state.toLowerCase()} in ${formatSeconds(run.finished.elapsedMs)}: ${parts.join(', ')}.`
}
