interface Props {
  /** The start button's label: "Download 15 images", "Run". */
  startLabel: string
  canStart: boolean
  /** A run is in progress, so it can be cancelled. */
  canCancel: boolean
  onStart(): void
  onCancel(): void
}

/** A view's start and cancel buttons, at the head of its run card. */
export function RunActions({ startLabel, canStart, canCancel, onStart, onCancel }: Props) {
  return (
    <div className="run-actions">
      <button
        type="button"
        className="button button--primary"
        disabled={!canStart}
        onClick={onStart}
      >
        {startLabel}
      </button>
      <button type="button" className="button" disabled={!canCancel} onClick={onCancel}>
        Cancel
      </button>
    </div>
  )
}
