import { Component } from 'react'
import type { ErrorInfo, ReactNode } from 'react'
import type { AppApi } from '../../../common/api.ts'
import { ERROR_REPORT_LIMITS } from '../../../common/schemas.ts'
import type { ErrorReport } from '../../../common/schemas.ts'
import { ApiContext } from '../api-context.ts'
import { copyText } from '../state/clipboard.ts'
import { strings } from '../strings/index.ts'

const s = strings.errors.boundary

interface State {
  error: Error | null
  componentStack: string
  /** What Copy details did: null before it is pressed. */
  copied: boolean | null
}

const cut = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`

/** What the log gets of an error: its message and stack, cut to what main accepts. */
function errorReport(kind: ErrorReport['kind'], error: unknown, more = ''): ErrorReport {
  const message = error instanceof Error ? error.message || error.name : String(error)
  const stack = `${error instanceof Error ? (error.stack ?? '') : ''}${more}`
  return {
    kind,
    message: cut(message, ERROR_REPORT_LIMITS.message),
    ...(stack ? { stack: cut(stack, ERROR_REPORT_LIMITS.stack) } : {})
  }
}

/**
 * The window's last line of defence. An error while rendering shows what went
 * wrong and a Reload button instead of a blank window (a run goes on in main,
 * and the reloaded page gets it back); while mounted it also sends the page's
 * uncaught errors and unhandled rejections to the app's log.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  static override contextType = ApiContext
  declare context: AppApi | null
  override state: State = { error: null, componentStack: '', copied: null }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    const componentStack = info.componentStack ?? ''
    this.setState({ componentStack })
    this.report(errorReport('render', error, componentStack && `\nIn:${componentStack}`))
  }

  override componentDidMount(): void {
    window.addEventListener('error', this.onError)
    window.addEventListener('unhandledrejection', this.onRejection)
  }

  override componentWillUnmount(): void {
    window.removeEventListener('error', this.onError)
    window.removeEventListener('unhandledrejection', this.onRejection)
  }

  private readonly onError = (event: ErrorEvent): void =>
    this.report(errorReport('error', event.error ?? event.message))

  private readonly onRejection = (event: PromiseRejectionEvent): void =>
    this.report(errorReport('unhandled-rejection', event.reason))

  private report(report: ErrorReport): void {
    // Reporting must never throw in turn: a failed report is only lost.
    try {
      void this.context?.reportError(report).catch(() => undefined)
    } catch {
      // the page has no api (a test without one)
    }
  }

  override render(): ReactNode {
    const { error, componentStack, copied } = this.state
    if (!error) return this.props.children
    const details = `${error.stack ?? `${error.name}: ${error.message}`}${componentStack ? `\n\nIn:${componentStack}` : ''}`
    return (
      <main
        className="error-boundary"
        role="alert"
        aria-labelledby="error-boundary-title"
        style={{ padding: 32, maxWidth: 760 }}
      >
        <h1 id="error-boundary-title">{s.title}</h1>
        <p>{s.text(error.message || error.name)}</p>
        <p
          className="error-boundary-actions"
          style={{ display: 'flex', gap: 8, alignItems: 'center' }}
        >
          <button
            type="button"
            className="button button--primary"
            autoFocus
            onClick={() => window.location.reload()}
          >
            {s.reload}
          </button>
          {/* For a bug report: the details as text, without opening them. */}
          <button
            type="button"
            className="button"
            onClick={() => void copyText(details).then((ok) => this.setState({ copied: ok }))}
          >
            {s.copy}
          </button>
          <span role="status">
            {copied === true ? s.copied : copied === false ? s.copyFailed : ''}
          </span>
        </p>
        <details>
          <summary>{s.details}</summary>
          <pre style={{ overflow: 'auto', maxHeight: '50vh', fontSize: 12 }}>{details}</pre>
        </details>
      </main>
    )
  }
}
