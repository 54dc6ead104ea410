import { STRATEGIES, STRATEGY_LABELS, type Strategy } from '../../../common/defaults.ts'

interface Props {
  value: Strategy
  onChange(strategy: Strategy): void
  disabled?: boolean
  name: string
}

/** The three strategies as radio cards, each with the line that says what it does. */
export function StrategyPicker({ value, onChange, disabled = false, name }: Props) {
  return (
    <fieldset className="radio-cards" disabled={disabled}>
      <legend>Strategy</legend>
      {STRATEGIES.map((strategy) => (
        <label key={strategy} className={`radio-card strategy-${strategy}`}>
          <input
            type="radio"
            name={name}
            value={strategy}
            checked={value === strategy}
            onChange={() => onChange(strategy)}
          />
          <span className="radio-card-body">
            <span className="radio-card-title">
              <span className="swatch" aria-hidden="true" />
              {STRATEGY_LABELS[strategy].name}
            </span>
            <span className="radio-card-summary">{STRATEGY_LABELS[strategy].summary}</span>
          </span>
        </label>
      ))}
    </fieldset>
  )
}
