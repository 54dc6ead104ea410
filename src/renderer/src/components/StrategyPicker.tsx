import { STRATEGIES, STRATEGY_LABELS, type Strategy } from '../../../common/defaults.ts'
import { strings } from '../strings/index.ts'
import { RadioCard } from './RadioCard.tsx'

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
      <legend>{strings.settings.strategy}</legend>
      {STRATEGIES.map((strategy) => (
        <RadioCard
          key={strategy}
          name={name}
          className={`strategy-${strategy}`}
          checked={value === strategy}
          onSelect={() => onChange(strategy)}
          title={
            <>
              <span className="swatch" aria-hidden="true" />
              {STRATEGY_LABELS[strategy].name}
            </>
          }
          summary={STRATEGY_LABELS[strategy].summary}
        />
      ))}
    </fieldset>
  )
}
