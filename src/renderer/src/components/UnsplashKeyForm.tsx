import { useId, useState, type FormEvent } from 'react'
import type { Result } from '../../../common/api.ts'
import type { UnsplashStatus } from '../../../common/unsplash.ts'
import { UNSPLASH_DEFAULT_API_URL } from '../../../common/unsplash.ts'
import { useApi } from '../api-context.ts'
import type { UnsplashStatusStore } from '../hooks/use-unsplash-status.ts'

const KEY_SOURCE: Record<NonNullable<UnsplashStatus['key']>, string> = {
  saved: 'Your key is saved, encrypted by the system’s keychain.',
  session: 'Your key is kept for this session only: this system cannot encrypt it.',
  environment: 'Your key comes from UNSPLASH_ACCESS_KEY.'
}

/** What is left of the hour, from the API's rate-limit headers. */
function rateLimitText(status: UnsplashStatus | null): string | null {
  const limit = status?.rateLimit
  if (!limit || limit.remaining === null) return null
  const of = limit.limit === null ? '' : ` of ${limit.limit}`
  return `${limit.remaining}${of} requests left this hour.`
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
        Settings › Unsplash
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
              Change
            </button>
            {status.key !== 'environment' && (
              <button
                type="button"
                className="link-button"
                disabled={disabled}
                onClick={() => apply(api.setUnsplashKey(null))}
              >
                Remove
              </button>
            )}
          </div>
        </div>
      )}
      {askingKey && (
        <form className="unsplash-key-form" onSubmit={saveKey}>
          <label htmlFor={`${id}-key`}>Your access key</label>
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
              {status?.canSaveKey ? 'Save' : 'Use for this session'}
            </button>
          </div>
          <p className="hint" id={`${id}-key-help`}>
            {status?.canSaveKey
              ? 'Pasted once, saved encrypted by the system’s keychain, sent only to the Unsplash API.'
              : 'This system has no keychain to encrypt it: the key lasts until the app quits.'}
          </p>
        </form>
      )}
      <p className="hint">
        <button
          type="button"
          className="link-button"
          onClick={() => void api.openUnsplashLink('key-help')}
        >
          How to get a key
        </button>{' '}
        (register an app, copy its Access Key). A new app is in demo mode: 50 requests an hour, one
        per page of results and one per saved photo.
        {left && <strong className="unsplash-left"> {left}</strong>}
      </p>
      {error && (
        <p className="hint hint--error" role="alert">
          {error}
        </p>
      )}
      <details className="unsplash-advanced" open={custom || undefined}>
        <summary>Advanced</summary>
        <form
          className="unsplash-inline"
          onSubmit={(event) => {
            event.preventDefault()
            const value = (origin ?? status?.apiUrl ?? '').trim()
            apply(api.setUnsplashApiUrl(value === '' ? null : value), () => setOrigin(null))
          }}
        >
          <label className="visually-hidden" htmlFor={`${id}-origin`}>
            API origin
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
            Set
          </button>
        </form>
        <p className="hint">
          The API origin, for a proxy or a mirror; the default is {UNSPLASH_DEFAULT_API_URL}.
          {custom && (
            <>
              {' '}
              <button
                type="button"
                className="link-button"
                disabled={disabled}
                onClick={() => apply(api.setUnsplashApiUrl(null), () => setOrigin(null))}
              >
                Use the default
              </button>
            </>
          )}
        </p>
      </details>
    </section>
  )
}
