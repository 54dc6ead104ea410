import { useId } from 'react'
import { shownFilters, type UnsplashFilterValues } from '../state/unsplash-filters.ts'
import { strings } from '../strings/index.ts'

const s = strings.unsplash.picker

const words = (value: string): string => value.replaceAll('_', ' ')

/** One select per filter, "any" first; each offers only the API's own values. */
export function UnsplashFilters({
  values,
  collection,
  disabled,
  onChange
}: {
  values: UnsplashFilterValues
  collection: boolean
  disabled: boolean
  onChange(values: UnsplashFilterValues): void
}) {
  return (
    <div className="unsplash-filters">
      {shownFilters(collection).map(({ key, label, options }) => (
        <Choice
          key={key}
          label={label}
          value={values[key] ?? ''}
          options={options}
          disabled={disabled}
          // The select offers only the API's values (or "any"), so the cast holds.
          onChange={(value) =>
            onChange({ ...values, [key]: value || undefined } as UnsplashFilterValues)
          }
        />
      ))}
    </div>
  )
}

function Choice({
  label,
  value,
  onChange,
  options,
  disabled
}: {
  label: string
  value: string
  onChange(value: string): void
  options: readonly string[]
  disabled: boolean
}) {
  const id = useId()
  return (
    <div className="unsplash-choice">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{s.any}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {words(option)}
          </option>
        ))}
      </select>
    </div>
  )
}
