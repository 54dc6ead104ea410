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
}

export function ConcurrencyField({
  value,
  strategy,
  info,
  onChange,
  disabled = false,
  onProblem
}: Props) {
  const sequential = strategy === 'sequential'
  const hint = sequential
    ? s.sequentialHint
    : info
      ? s.defaultHint(info.defaultConcurrency, info.cpuCount)
      : s.defaultHintNoInfo
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
      {info && !sequential && value !== info.defaultConcurrency && (
        <button
          type="button"
          className="link-button"
          disabled={disabled}
          onClick={() => onChange(info.defaultConcurrency)}
        >
          {s.useDefault(info.defaultConcurrency)}
        </button>
      )}
    </div>
  )
}
