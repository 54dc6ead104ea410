interface Option<T extends string> {
  value: T
  label: string
  note?: string
}

interface Props<T extends string> {
  legend: string
  name: string
  value: T
  options: readonly Option<T>[]
  onChange(value: T): void
  disabled?: boolean
}

export function RadioList<T extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  disabled
}: Props<T>) {
  return (
    <fieldset className="radio-list" disabled={disabled}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <span>
            {option.label}
            {option.note && <small className="radio-note">{option.note}</small>}
          </span>
        </label>
      ))}
    </fieldset>
  )
}
