import { errorTitle, isNetworkFailure } from './error-text.ts'
import { formatSeconds } from './format.ts'
import type { RunView } from './run-state.ts'
import { strings } from '../strings/index.ts'

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
  return { count, title: code ? errorTitle(code) : strings.run.tiles.failedFallback }
}

/** What a screen reader hears when a run ends: said politely, once. */
export function runEndText(run: RunView | null, what: string): string {
  if (!run?.finished) return ''
  const state = runState(run)
  const s = strings.run.progress
  const verb = run.kind === 'download' ? s.saved : s.done
  const parts = [s.okWords(run.ok, run.tasks.length, verb)]
  if (run.failed) parts.push(s.failed(run.failed))
  if (run.cancelled) parts.push(s.cancelled(run.cancelled))
  const time = formatSeconds(run.finished.elapsedMs)
  return strings.run.outcome(what, s.state[state], time, parts.join(', '))
}
