import {
  MAX_CONCURRENCY,
  WORKER_THREADS_PER_CORE,
  type Strategy
} from '../../../common/defaults.ts'
import type { AppInfo } from '../../../common/api.ts'
import { NumberField } from './NumberField.tsx'

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
    ? 'Sequential runs one task at a time.'
    : info
      ? `Default min(32, cpus + 4) = ${info.defaultConcurrency} (${info.cpuCount} CPUs), Python’s ThreadPoolExecutor default.`
      : 'Default min(32, cpus + 4), Python’s ThreadPoolExecutor default.'
  // Main refuses more threads than this; the hint says so before the user tries.
  const threadCap =
    strategy === 'workers' && info
      ? ` At most ${WORKER_THREADS_PER_CORE * info.cpuCount} worker threads here (${WORKER_THREADS_PER_CORE} per core).`
      : ''
  return (
    <div className="concurrency">
      <NumberField
        label={
          sequential
            ? 'Concurrency'
            : strategy === 'workers'
              ? 'Concurrency (worker threads)'
              : 'Concurrency (pool size)'
        }
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
          Use default ({info.defaultConcurrency})
        </button>
      )}
    </div>
  )
}
