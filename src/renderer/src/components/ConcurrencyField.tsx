import {
  MAX_CONCURRENCY,
  WORKER_THREADS_PER_CORE,
  type Strategy
} from '../../../common/defaults.ts'
import type { AppInfo } from '../../../common/api.ts'
import { strings } from '../strings/index.ts'
import { NumberField } from './NumberField.tsx'

const s = strings.settings.concurrency

interface Props {
  value: number
  strategy: Strategy
  info: AppInfo | null
  onChange(value: number): void
  disabled?: boolean
  onProblem?(problem: string | null): void
  /** The default this field offers and the hint that says so, where it is not the thread pool's. */
  preset?: { value: number; hint: string }
  /**
   * The tasks share worker threads (downloads: src/engine/threads/placement.ts), so
   * the field counts lanes, not threads, and no thread cap applies.
   */
  sharesThreads?: boolean
}

export function ConcurrencyField({
  value,
  strategy,
  info,
  onChange,
  disabled = false,
  onProblem,
  preset,
  sharesThreads = false
}: Props) {
  const sequential = strategy === 'sequential'
  const fallback =
    preset ??
    (info && {
      value: info.defaultConcurrency,
      hint: s.defaultHint(info.defaultConcurrency, info.cpuCount)
    })
  const hint = sequential ? s.sequentialHint : fallback ? fallback.hint : s.defaultHintNoInfo
  // Main refuses more threads than this for tasks that keep a thread each; the hint says so
  // before the user tries. Shared tasks are told how many threads carry them.
  const workers = strategy === 'workers'
  const threadCap =
    workers && info
      ? sharesThreads
        ? s.sharedThreads(info.cpuCount)
        : s.threadCap(WORKER_THREADS_PER_CORE * info.cpuCount, WORKER_THREADS_PER_CORE)
      : ''
  const label = sequential
    ? s.label
    : workers
      ? sharesThreads
        ? s.sharedWorkersLabel
        : s.workersLabel
      : s.poolLabel
  return (
    <div className="concurrency">
      <NumberField
        label={label}
        value={value}
        min={1}
        max={MAX_CONCURRENCY}
        onChange={onChange}
        hint={hint + threadCap}
        disabled={disabled || sequential}
        onProblem={onProblem}
      />
      {fallback && !sequential && value !== fallback.value && (
        <button
          type="button"
          className="link-button"
          disabled={disabled}
          onClick={() => onChange(fallback.value)}
        >
          {s.useDefault(fallback.value)}
        </button>
      )}
    </div>
  )
}
