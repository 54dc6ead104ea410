interface Props {
  /** 0..1, or null when the total is unknown. */
  value: number | null
  label: string
  className?: string
}

export function ProgressBar({ value, label, className = '' }: Props) {
  const percent = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100)
  return (
    <div
      className={`progress ${percent === null ? 'progress--indeterminate' : ''} ${className}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
    >
      <div
        className="progress-fill"
        style={percent === null ? undefined : { width: `${percent}%` }}
      />
    </div>
  )
}
