import { REAL_PHOTO_PIXELS, type SimulatedSource } from '../../../common/schemas.ts'
import { strings } from '../strings/index.ts'

interface Props {
  value: SimulatedSource
  disabled: boolean
  onChange(value: SimulatedSource): void
}

/**
 * The offline source's photos at an Unsplash original's size, so that the Process step has real
 * work to do: small photos blur in milliseconds and teach nothing about cores.
 */
export function RealPhotosOption({ value, disabled, onChange }: Props) {
  const { width, height } = REAL_PHOTO_PIXELS
  return (
    <label className="pipeline-option">
      <input
        type="checkbox"
        checked={value.photoPixels !== undefined}
        disabled={disabled}
        onChange={(event) => {
          const { photoPixels: _small, ...rest } = value
          onChange(event.target.checked ? { ...rest, photoPixels: { width, height } } : rest)
        }}
      />
      <span>
        {strings.settings.simulated.realPhotos(width, height)}
        <small className="radio-note">{strings.settings.simulated.realPhotosNote}</small>
      </span>
    </label>
  )
}
