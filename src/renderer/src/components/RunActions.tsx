import { useEffect, useId, useRef } from 'react'
import { strings } from '../strings/index.ts'

interface Props {
  /** The start button's label: "Download 15 images", "Run". */
  startLabel: string
  canStart: boolean
  /** A run is in progress, so it can be cancelled. */
  canCancel: boolean
  /** Why the run cannot start (a field to fix), said beside the disabled button. */
  blocked?: string | null
  onStart(): void
  onCancel(): void
}

/**
 * A view's start and cancel buttons, at the head of its run card. The focus
 * follows the run: to Cancel when it starts, back to the start button when it
 * ends, unless the user has put it somewhere else meanwhile.
 */
export function RunActions({
  startLabel,
  canStart,
  canCancel,
  blocked = null,
  onStart,
  onCancel
}: Props) {
  const id = useId()
  const start = useRef<HTMLButtonElement>(null)
  const cancel = useRef<HTMLButtonElement>(null)
  const wasRunning = useRef(canCancel)

  useEffect(() => {
    if (wasRunning.current === canCancel) return
    wasRunning.current = canCancel
    const focused = document.activeElement
    const lost = focused === null || focused === document.body
    if (canCancel) {
      if (lost || focused === start.current) cancel.current?.focus()
    } else if (lost || focused === cancel.current) {
      start.current?.focus()
    }
  }, [canCancel])

  return (
    <div className="run-actions">
      {blocked && (
        <span className="start-blocked" id={`${id}-blocked`}>
          {blocked}
        </span>
      )}
      <button
        ref={start}
        type="button"
        className="button button--primary"
        disabled={!canStart}
        aria-describedby={blocked ? `${id}-blocked` : undefined}
        onClick={onStart}
      >
        {startLabel}
      </button>
      <button
        ref={cancel}
        type="button"
        className="button"
        disabled={!canCancel}
        onClick={onCancel}
      >
        {strings.run.cancel}
      </button>
    </div>
  )
}
