import { useEffect, useId, useRef, useState } from 'react'
import { strings } from '../strings/index.ts'

interface Props {
  label: string
  value: number
  min: number
  max: number
  onChange(value: number): void
  unit?: string
  hint?: string
  step?: number
  disabled?: boolean
  integer?: boolean
  /** Told what is wrong with the text (null when it is valid), so that a run cannot start on a stale value. */
  onProblem?(problem: string | null): void
}

/**
 * A number input that keeps what the user types while it is not yet a valid
 * value, says why, and passes on only valid values.
 */
export function NumberField({
  label,
  value,
  min,
  max,
  onChange,
  unit,
  hint,
  step = 1,
  disabled = false,
  integer = true,
  onProblem
}: Props) {
  const id = useId()
  const [text, setText] = useState(String(value))
  const [prev, setPrev] = useState(value)
  if (prev !== value) {
    setPrev(value)
    if (Number(text) !== value) setText(String(value))
  }
  const problem = validate(text, min, max, integer)
  const report = useRef(onProblem)
  useEffect(() => {
    report.current = onProblem
  })
  // A disabled field is not the user's to fix: sequential's concurrency, the fields during a run.
  const shown = disabled ? null : problem
  useEffect(() => report.current?.(shown), [shown])
  useEffect(() => () => report.current?.(null), [])

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="number-field">
        <input
          id={id}
          type="number"
          inputMode={integer ? 'numeric' : 'decimal'}
          value={text}
          min={min}
          max={max}
          step={step}
          disabled={disabled}
          aria-invalid={problem !== null}
          aria-describedby={problem || hint ? `${id}-hint` : undefined}
          onChange={(event) => {
            setText(event.target.value)
            if (validate(event.target.value, min, max, integer) === null) {
              onChange(Number(event.target.value))
            }
          }}
          onBlur={() => {
            if (problem !== null) setText(String(value))
          }}
        />
        {unit && <span className="unit">{unit}</span>}
      </div>
      {(problem || hint) && (
        <p id={`${id}-hint`} className={problem ? 'hint hint--error' : 'hint'}>
          {problem ?? hint}
        </p>
      )}
    </div>
  )
}

function validate(text: string, min: number, max: number, integer: boolean): string | null {
  const s = strings.settings.number
  if (text.trim() === '') return s.enterNumber
  const value = Number(text)
  if (!Number.isFinite(value)) return s.enterNumber
  if (integer && !Number.isInteger(value)) return s.wholeNumber
  if (value < min || value > max) return s.between(min, max)
  return null
}
