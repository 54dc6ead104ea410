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
        You appear to be offline
      </p>
      <p className="run-notice-text">
        {failures.count} of {total} images could not reach their server ({failures.title}). The
        simulated CDN runs inside the app and needs no network.
      </p>
      <div className="run-notice-actions">
        {onUseSimulated && (
          <button type="button" className="button button--primary" onClick={onUseSimulated}>
            Use the simulated CDN
          </button>
        )}
        <button type="button" className="button" disabled={disabled} onClick={onRetry}>
          Retry failed
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
