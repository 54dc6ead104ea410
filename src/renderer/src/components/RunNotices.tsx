import { strings } from '../strings/index.ts'

const s = strings.run.offline

interface OfflineProps {
  failures: { count: number; title: string }
  total: number
  /** Null when the simulated CDN is already the source. */
  onUseSimulated: (() => void) | null
  onRetry(): void
  disabled: boolean
}

/** One notice for a run that could not reach the network, instead of a wall of identical tiles. */
export function OfflineNotice({
  failures,
  total,
  onUseSimulated,
  onRetry,
  disabled
}: OfflineProps) {
  return (
    <div className="run-notice" role="group" aria-labelledby="offline-title">
      <p className="run-notice-title" id="offline-title">
        {s.title}
      </p>
      <p className="run-notice-text">{s.text(failures.count, total, failures.title)}</p>
      <div className="run-notice-actions">
        {onUseSimulated && (
          <button type="button" className="button button--primary" onClick={onUseSimulated}>
            {s.useSimulated}
          </button>
        )}
        <button type="button" className="button" disabled={disabled} onClick={onRetry}>
          {s.retryFailed}
        </button>
      </div>
    </div>
  )
}

/** A polite live region that is always there, so that the end of a run is announced. */
export function RunAnnouncer({ text }: { text: string }) {
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true">
      {text}
    </p>
  )
}
