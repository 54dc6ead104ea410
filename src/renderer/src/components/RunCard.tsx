import type { ReactNode } from 'react'
import { runEndText } from '../state/run-outcome.ts'
import type { RunView } from '../state/run-state.ts'
import { RunActions } from './RunActions.tsx'
import { RunAnnouncer } from './RunNotices.tsx'

interface Props {
  /** The heading's id, which names the card. */
  titleId: string
  title: ReactNode
  run: RunView | null
  startLabel: string
  canStart: boolean
  /** Why the run cannot start (a field to fix), said beside the disabled button. */
  blocked: string | null
  onStart(): void
  onCancel(): void
  /** Main's refusal of the last start, or another failure to show above the run. */
  alert: string | null
  /** The view's word for its run when its end is said aloud ("Download", "Processing"). */
  announced: string
  children: ReactNode
}

/**
 * A view's run card: its title with Start and Cancel, what went wrong in an alert, the run's end
 * said to a screen reader, then the view's own run (progress, tiles...) as children.
 */
export function RunCard({
  titleId,
  title,
  run,
  startLabel,
  canStart,
  blocked,
  onStart,
  onCancel,
  alert,
  announced,
  children
}: Props) {
  return (
    <section className="card run-card" aria-labelledby={titleId}>
      <div className="card-head">
        <h2 id={titleId}>{title}</h2>
        <RunActions
          startLabel={startLabel}
          canStart={canStart}
          blocked={blocked}
          canCancel={run?.finished === null}
          onStart={onStart}
          onCancel={onCancel}
        />
      </div>
      {alert && (
        <p className="alert" role="alert">
          {alert}
        </p>
      )}
      <RunAnnouncer text={runEndText(run, announced)} />
      {children}
    </section>
  )
}
