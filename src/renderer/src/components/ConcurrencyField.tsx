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
}

export function ConcurrencyField({
  value,
  strategy,
  info,
  onChange,
  disabled = false,
  onProblem,
  preset
}: Props) {
  const sequential = strategy === 'sequential'
  const fallback =
    preset ??
    (info && {
      value: info.defaultConcurrency,
      hint: s.defaultHint(info.defaultConcurrency, info.cpuCount)
    })
  const hint = sequential ? s.sequentialHint : fallback ? fallback.hint : s.defaultHintNoInfo
  // Main refuses more threads than this; the hint says so before the user tries.
  const threadCap =
    strategy === 'workers' && info
      ? s.threadCap(WORKER_THREADS_PER_CORE * info.cpuCount, WORKER_THREADS_PER_CORE)
      : ''
  return (
    <div className="concurrency">
      <NumberField
        label={sequential ? s.label : strategy === 'workers' ? s.workersLabel : s.poolLabel}
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
