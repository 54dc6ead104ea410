import { useId, useState, type FormEvent } from 'react'
import type { Result } from '../../../common/api.ts'
import type { UnsplashStatus } from '../../../common/unsplash.ts'
import { UNSPLASH_DEFAULT_API_URL } from '../../../common/unsplash.ts'
import { useApi } from '../api-context.ts'
import type { UnsplashStatusStore } from '../hooks/use-unsplash-status.ts'
import { strings } from '../strings/index.ts'

const s = strings.unsplash.key

const KEY_SOURCE: Record<NonNullable<UnsplashStatus['key']>, string> = s.source

/** What is left of the hour, from the API's rate-limit headers. */
function rateLimitText(status: UnsplashStatus | null): string | null {
  const limit = status?.rateLimit
  if (!limit || limit.remaining === null) return null
  return s.left(limit.remaining, limit.limit)
}

/**
 * Settings › Unsplash: the access key pasted once (saved encrypted, or for the session), how
 * to get one, what is left of the hour, and the API origin behind Advanced. The window never
 * sees the key again: the status says only where it comes from.
 */
export function UnsplashKeyForm({
  store,
  disabled
}: {
  store: UnsplashStatusStore
  disabled: boolean
}) {
  const api = useApi()
  const id = useId()
  const { status, adopt } = store
  const [key, setKey] = useState('')
  const [origin, setOrigin] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [changing, setChanging] = useState(false)

  const apply = (call: Promise<Result<UnsplashStatus>>, after?: () => void): void =>
    void call.then(
      (result) => {
        if (!result.ok) return setError(result.error)
        setError(null)
        adopt(result.value)
        after?.()
      },
      (reason: unknown) => setError(String(reason))
    )
  const saveKey = (event: FormEvent): void => {
    event.preventDefault()
    apply(api.setUnsplashKey(key), () => {
      setKey('')
      setChanging(false)
    })
  }
  const askingKey = status !== null && (status.key === null || changing)
  const left = rateLimitText(status)
  const custom = status !== null && status.apiUrl !== UNSPLASH_DEFAULT_API_URL

  return (
    <section className="unsplash-settings" aria-labelledby={`${id}-title`}>
      <h3 className="subhead" id={`${id}-title`}>
        {s.title}
      </h3>
      {status?.key && !changing && (
        <div className="unsplash-key-row">
          <p className="hint">{KEY_SOURCE[status.key]}</p>
          <div className="field-actions">
            <button
              type="button"
              className="link-button"
              disabled={disabled}
              onClick={() => setChanging(true)}
            >
              {s.change}
            </button>
            {status.key !== 'environment' && (
              <button
                type="button"
                className="link-button"
                disabled={disabled}
                onClick={() => apply(api.setUnsplashKey(null))}
              >
                {s.remove}
              </button>
            )}
          </div>
        </div>
      )}
      {askingKey && (
        <form className="unsplash-key-form" onSubmit={saveKey}>
          <label htmlFor={`${id}-key`}>{s.yourKey}</label>
          <div className="unsplash-inline">
            <input
              id={`${id}-key`}
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={key}
              disabled={disabled}
              onChange={(event) => setKey(event.target.value)}
              aria-describedby={`${id}-key-help`}
            />
            <button type="submit" className="button" disabled={disabled || key.trim() === ''}>
              {status?.canSaveKey ? s.save : s.useForSession}
            </button>
          </div>
          <p className="hint" id={`${id}-key-help`}>
            {status?.canSaveKey ? s.savedHelp : s.sessionHelp}
          </p>
        </form>
      )}
      <p className="hint">
        <button
          type="button"
          className="link-button"
          onClick={() => void api.openUnsplashLink('key-help')}
        >
          {s.howTo}
        </button>
        {s.howToRest}
        {left && <strong className="unsplash-left"> {left}</strong>}
      </p>
      {error && (
        <p className="hint hint--error" role="alert">
          {error}
        </p>
      )}
      <details className="unsplash-advanced" open={custom || undefined}>
        <summary>{s.advanced}</summary>
        <form
          className="unsplash-inline"
          onSubmit={(event) => {
            event.preventDefault()
            const value = (origin ?? status?.apiUrl ?? '').trim()
            apply(api.setUnsplashApiUrl(value === '' ? null : value), () => setOrigin(null))
          }}
        >
          <label className="visually-hidden" htmlFor={`${id}-origin`}>
            {s.origin}
          </label>
          <input
            id={`${id}-origin`}
            type="text"
            spellCheck={false}
            value={origin ?? status?.apiUrl ?? ''}
            disabled={disabled}
            onChange={(event) => setOrigin(event.target.value)}
          />
          <button type="submit" className="button" disabled={disabled}>
            {s.set}
          </button>
        </form>
        <p className="hint">
          {s.originHint(UNSPLASH_DEFAULT_API_URL)}
          {custom && (
            <>
              {' '}
              <button
                type="button"
                className="link-button"
                disabled={disabled}
                onClick={() => apply(api.setUnsplashApiUrl(null), () => setOrigin(null))}
              >
                {s.useDefault}
              </button>
            </>
          )}
        </p>
      </details>
    </section>
  )
}
