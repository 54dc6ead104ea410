import type { AppInfo } from '../../../common/api.ts'
import { PROCESS_KERNELS } from '../../../common/defaults.ts'
import { PROCESS_LIMITS, type ProcessSettings as Knobs } from '../../../common/schemas.ts'
import {
  defaultProcessConcurrency,
  KERNEL_LABELS,
  type ProcessInput
} from '../state/process-lessons.ts'
import { strings } from '../strings/index.ts'
import { ConcurrencyField } from './ConcurrencyField.tsx'
import { NumberField } from './NumberField.tsx'
import { RadioCard } from './RadioCard.tsx'
import { StrategyPicker } from './StrategyPicker.tsx'

interface Props {
  knobs: Knobs
  /** The download whose images are processed; undefined before any. */
  input: ProcessInput | undefined
  info: AppInfo | null
  busy: boolean
  onChange(patch: Partial<Knobs>): void
  onProblem(field: string, problem: string | null): void
}

/** The processing step's settings: which images, how to run them, which kernel, how much blur. */
export function ProcessSettings({ knobs, input, info, busy, onChange, onProblem }: Props) {
  const s = strings.process.settings
  // Processing's own default, not the thread pool's that the download and sleep views offer.
  const concurrency = defaultProcessConcurrency(info?.defaultConcurrency ?? 4)
  return (
    <aside className="sidebar" aria-label={s.label} tabIndex={busy ? 0 : undefined}>
      <section className="card" aria-labelledby="process-input-title">
        <h2 id="process-input-title">{s.images}</h2>
        {input ? (
          <p className="process-input">
            {s.input(
              input.count,
              input.run.sourceLabel,
              <code key="dir">{input.run.dir}</code>,
              <code key="processed">{s.processed}</code>
            )}
          </p>
        ) : (
          <p className="process-input">{s.noInput(<code key="script">{s.script}</code>)}</p>
        )}
      </section>
      <section className="card" aria-labelledby="process-how-title">
        <h2 id="process-how-title">{s.how}</h2>
        <StrategyPicker
          name="process-strategy"
          value={knobs.strategy}
          onChange={(strategy) => onChange({ strategy })}
          disabled={busy}
        />
        <ConcurrencyField
          value={knobs.concurrency}
          strategy={knobs.strategy}
          info={info}
          onChange={(concurrency) => onChange({ concurrency })}
          disabled={busy}
          onProblem={(problem) => onProblem(strings.settings.concurrency.label, problem)}
          preset={{
            value: concurrency,
            hint: s.concurrencyHint(concurrency, info?.cpuCount ?? null)
          }}
        />
        <fieldset className="radio-cards" disabled={busy}>
          <legend>{s.kernel}</legend>
          {PROCESS_KERNELS.map((kernel) => (
            <RadioCard
              key={kernel}
              name="process-kernel"
              className={`kernel-${kernel}`}
              checked={knobs.kernel === kernel}
              onSelect={() => onChange({ kernel })}
              title={KERNEL_LABELS[kernel].name}
              summary={KERNEL_LABELS[kernel].lesson}
            />
          ))}
        </fieldset>
      </section>
      <section className="card" aria-labelledby="process-what-title">
        <h2 id="process-what-title">{s.what}</h2>
        {/* Blur and size: one number field each, with the catalog's words and the schema's limits. */}
        {(['blur', 'maxSize'] as const).map((knob) => (
          <NumberField
            key={knob}
            label={s[knob]}
            value={knobs[knob]}
            min={PROCESS_LIMITS[knob].min}
            max={PROCESS_LIMITS[knob].max}
            unit="px"
            hint={s[`${knob}Hint`]}
            onChange={(value) => onChange({ [knob]: value })}
            disabled={busy}
            onProblem={(problem) => onProblem(s[`${knob}Field`], problem)}
          />
        ))}
      </section>
    </aside>
  )
}
