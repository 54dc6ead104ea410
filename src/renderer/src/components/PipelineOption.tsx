import type { ProcessSettings } from '../../../common/schemas.ts'
import { KERNEL_LABELS } from '../state/process-lessons.ts'
import { runName } from '../state/run-name.ts'
import { strings } from '../strings/index.ts'

const s = strings.process.pipeline

interface Props {
  knobs: ProcessSettings
  disabled: boolean
  onChange(pipeline: boolean): void
}

/** "Download and process": each image is processed as soon as it is saved (producer and consumer). */
export function PipelineOption({ knobs, disabled, onChange }: Props) {
  return (
    <label className="pipeline-option">
      <input
        type="checkbox"
        checked={knobs.pipeline}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
      />
      <span>
        {s.option}
        <small className="radio-note">
          {s.optionNote(
            KERNEL_LABELS[knobs.kernel].name,
            runName(knobs),
            knobs.blur,
            knobs.maxSize
          )}
        </small>
      </span>
    </label>
  )
}
