import { DEFAULT_STALL_SETTING } from '../../../common/defaults.ts'
import type { StallSetting } from '../../../common/defaults.ts'
import { strings } from '../strings/index.ts'
import { NumberField } from './NumberField.tsx'

const s = strings.settings.stall

interface Props {
  /** The settings' stall guard; the defaults when the settings file has none. */
  value: StallSetting | undefined
  onChange(stall: StallSetting): void
  disabled?: boolean
  /** Told what is wrong with a field's text, by field, so that a run cannot start on it. */
  onProblem(field: string, problem: string | null): void
}

// The same bounds as stallSettingSchema in src/common/schemas.ts, which main checks again.
const MAX_SPEED_KBPS = 1_000_000
const MAX_SECONDS = 3600

/**
 * The stall guard (engine/net/stall-guard.ts): a body slower than the floor,
 * averaged over the window, fails as `stalled` and is retried. Saved as one
 * `stall` setting, as the CLI's `--min-speed-kbps` and `--stall-seconds`.
 */
export function StallField({ value, onChange, disabled = false, onProblem }: Props) {
  const stall = value ?? DEFAULT_STALL_SETTING
  const off = stall.minSpeedKBps === 0
  return (
    <fieldset className="stall-field" style={{ marginTop: 14 }}>
      <legend>{s.legend}</legend>
      <NumberField
        label={s.slowest}
        value={stall.minSpeedKBps}
        min={0}
        max={MAX_SPEED_KBPS}
        unit="KiB/s"
        hint={off ? s.off : s.hint(stall.seconds)}
        disabled={disabled}
        onChange={(minSpeedKBps) => onChange({ ...stall, minSpeedKBps })}
        onProblem={(problem) => onProblem(s.slowest, problem)}
      />
      <NumberField
        label={s.measuredOver}
        value={stall.seconds}
        min={1}
        max={MAX_SECONDS}
        unit="s"
        disabled={disabled || off}
        onChange={(seconds) => onChange({ ...stall, seconds })}
        onProblem={(problem) => onProblem(s.measuredOver, problem)}
      />
    </fieldset>
  )
}
