import { useId, type ReactNode } from 'react'

interface Props {
  name: string
  checked: boolean
  onSelect(): void
  title: ReactNode
  summary: ReactNode
  className?: string
}

/** A radio button as a card: its title names it, its summary describes it. */
export function RadioCard({ name, checked, onSelect, title, summary, className = '' }: Props) {
  const id = useId()
  return (
    <label className={`radio-card ${className}`}>
      <input
        type="radio"
        name={name}
        checked={checked}
        onChange={onSelect}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-summary`}
      />
      <span className="radio-card-body">
        <span className="radio-card-title" id={`${id}-title`}>
          {title}
        </span>
        <span className="radio-card-summary" id={`${id}-summary`}>
          {summary}
        </span>
      </span>
    </label>
  )
}
