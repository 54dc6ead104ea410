import type { AppInfo } from '../../../common/api.ts'
import { PROCESS_KERNELS } from '../../../common/defaults.ts'
import { PROCESS_LIMITS, type ProcessSettings as Knobs } from '../../../common/schemas.ts'
import { KERNEL_LABELS, type ProcessInput } from '../state/process-lessons.ts'
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
  return (
    <aside className="sidebar" aria-label="Process settings" tabIndex={busy ? 0 : undefined}>
      <section className="card" aria-labelledby="process-input-title">
        <h2 id="process-input-title">Images</h2>
        {input ? (
          <p className="process-input">
            The {input.count} {input.count === 1 ? 'image' : 'images'} the last download saved (
            {input.run.sourceLabel}), from <code>{input.run.dir}</code>, into its{' '}
            <code>processed</code> folder.
          </p>
        ) : (
          <p className="process-input">
            Download some images first: this step blurs and shrinks the images the last download
            saved, as the multiprocessing tutorial’s <code>process-images.py</code> does.
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="process-how-title">
        <h2 id="process-how-title">How</h2>
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
          onProblem={(problem) => onProblem('Concurrency', problem)}
        />
        <fieldset className="radio-cards" disabled={busy}>
          <legend>Kernel</legend>
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
        <h2 id="process-what-title">What</h2>
        <NumberField
          label="Blur (Gaussian radius)"
          value={knobs.blur}
          min={PROCESS_LIMITS.blur.min}
          max={PROCESS_LIMITS.blur.max}
          unit="px"
          hint="The tutorial’s GaussianBlur(15)."
          onChange={(blur) => onChange({ blur })}
          disabled={busy}
          onProblem={(problem) => onProblem('Blur', problem)}
        />
        <NumberField
          label="Longest side at most"
          value={knobs.maxSize}
          min={PROCESS_LIMITS.maxSize.min}
          max={PROCESS_LIMITS.maxSize.max}
          unit="px"
          hint="The tutorial’s thumbnail((1200, 1200)); never enlarged."
          onChange={(maxSize) => onChange({ maxSize })}
          disabled={busy}
          onProblem={(problem) => onProblem('Size', problem)}
        />
      </section>
    </aside>
  )
}
