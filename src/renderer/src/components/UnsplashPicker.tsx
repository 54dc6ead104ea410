import { useId, useState, type FormEvent } from 'react'
import type {
  UnsplashPhotoView,
  UnsplashSearchRequest,
  UnsplashStatus
} from '../../../common/unsplash.ts'
import { MAX_UNSPLASH_PICK } from '../../../common/unsplash.ts'
import { useApi } from '../api-context.ts'
import { strings } from '../strings/index.ts'
import { appliedFilters, type UnsplashFilterValues } from '../state/unsplash-filters.ts'
import { UnsplashFilters } from './UnsplashFilters.tsx'
import { UnsplashPhotoCell } from './UnsplashPhotoCell.tsx'

const s = strings.unsplash.picker

interface Props {
  /** The photos the run will download, chosen by "Use these". */
  chosen: readonly UnsplashPhotoView[]
  onChoose(photos: UnsplashPhotoView[]): void
  /** A search's answer carries what is left of the hour. */
  onStatus(rateLimit: UnsplashStatus['rateLimit']): void
  disabled: boolean
}

type Mode = 'search' | 'collection'

interface Results {
  request: UnsplashSearchRequest
  photos: UnsplashPhotoView[]
  page: number
  totalPages: number
  total: number
}

/**
 * "From Unsplash": a search (or a collection's photos) with the user's key, shown as the API's
 * hotlinked thumbnails, each credited to its photographer; pick some or all, then "Use these".
 * The run gets the photos' ids only: main knows their URLs.
 */
export function UnsplashPicker({ chosen, onChoose, onStatus, disabled }: Props) {
  const api = useApi()
  const id = useId()
  const [mode, setMode] = useState<Mode>('search')
  const [query, setQuery] = useState('')
  const [filters, setFilters] = useState<UnsplashFilterValues>({})
  const [results, setResults] = useState<Results | null>(null)
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [error, setError] = useState<string | null>(null)
  const [searching, setSearching] = useState(false)

  const fetchPage = (request: UnsplashSearchRequest, append: boolean): void => {
    setSearching(true)
    setError(null)
    api.searchUnsplash(request).then(
      (result) => {
        setSearching(false)
        if (!result.ok) return setError(result.error)
        onStatus(result.value.rateLimit)
        const { photos, page, totalPages, total } = result.value
        setResults((current) => {
          const before = append && current ? current.photos : []
          const seen = new Set(before.map((p) => p.id))
          return {
            request,
            photos: [...before, ...photos.filter((p) => !seen.has(p.id))],
            page,
            totalPages,
            total
          }
        })
        if (!append) setSelected(new Set())
      },
      (reason: unknown) => {
        setSearching(false)
        setError(String(reason))
      }
    )
  }

  const search = (event: FormEvent): void => {
    event.preventDefault()
    const text = query.trim()
    if (!text) return
    const collection = mode === 'collection'
    fetchPage(
      {
        ...(collection ? { collection: text } : { query: text }),
        ...appliedFilters(filters, collection)
      },
      false
    )
  }

  const toggle = (photoId: string): void =>
    setSelected((current) => {
      const next = new Set(current)
      if (next.has(photoId)) next.delete(photoId)
      else if (next.size < MAX_UNSPLASH_PICK) next.add(photoId)
      return next
    })
  const photos = results?.photos ?? []
  const picked = photos.filter((photo) => selected.has(photo.id))
  const more = results !== null && results.page < results.totalPages
  const busy = disabled || searching

  return (
    <div className="unsplash-picker">
      <form className="unsplash-search" onSubmit={search} aria-label={s.search}>
        <div
          className="segmented segmented--small"
          role="radiogroup"
          aria-label={s.searchOrCollection}
        >
          {(['search', 'collection'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name={`${id}-mode`}
                checked={mode === value}
                disabled={busy}
                onChange={() => setMode(value)}
              />
              <span>{value === 'search' ? s.modeSearch : s.modeCollection}</span>
            </label>
          ))}
        </div>
        <label className="visually-hidden" htmlFor={`${id}-query`}>
          {mode === 'search' ? s.searchFor : s.collectionId}
        </label>
        <div className="unsplash-inline">
          <input
            id={`${id}-query`}
            type="text"
            value={query}
            disabled={busy}
            placeholder={mode === 'search' ? s.searchPlaceholder : s.collectionPlaceholder}
            onChange={(event) => setQuery(event.target.value)}
          />
          <button type="submit" className="button button--primary" disabled={busy || !query.trim()}>
            {searching ? s.searching : s.searchButton}
          </button>
        </div>
        <UnsplashFilters
          values={filters}
          collection={mode === 'collection'}
          disabled={busy}
          onChange={setFilters}
        />
      </form>
      {error && (
        <p className="hint hint--error" role="alert">
          {error}
        </p>
      )}
      {results && (
        <>
          <div className="unsplash-result-head">
            <span className="hint" aria-live="polite">
              {results.total === 0
                ? s.noPhotos
                : s.shown(photos.length, results.total, selected.size)}
            </span>
            <div className="field-actions">
              <button
                type="button"
                className="link-button"
                disabled={busy || photos.length === 0}
                onClick={() =>
                  setSelected(new Set(photos.slice(0, MAX_UNSPLASH_PICK).map((p) => p.id)))
                }
              >
                {s.selectAll}
              </button>
              <button
                type="button"
                className="link-button"
                disabled={busy || selected.size === 0}
                onClick={() => setSelected(new Set())}
              >
                {s.clear}
              </button>
            </div>
          </div>
          <ul className="unsplash-grid" aria-label={s.photos}>
            {photos.map((photo) => (
              <UnsplashPhotoCell
                key={photo.id}
                photo={photo}
                checked={selected.has(photo.id)}
                disabled={disabled}
                onToggle={() => toggle(photo.id)}
                onProfile={() =>
                  void api.openUnsplashLink({ photoId: photo.id, which: 'photographer' })
                }
              />
            ))}
          </ul>
          <div className="unsplash-actions">
            {more && (
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => fetchPage({ ...results.request, page: results.page + 1 }, true)}
              >
                {s.more}
              </button>
            )}
            <button
              type="button"
              className="button button--primary"
              disabled={disabled || picked.length === 0}
              onClick={() => onChoose(picked)}
            >
              {s.useThese(picked.length)}
            </button>
          </div>
        </>
      )}
      <p className="hint unsplash-chosen" aria-live="polite">
        {chosen.length === 0 ? s.noneChosen : s.chosen(chosen.length, photographers(chosen))}
      </p>
    </div>
  )
}

function photographers(photos: readonly UnsplashPhotoView[]): string {
  const names = [...new Set(photos.map((p) => p.photographer))]
  return names.length <= 3
    ? names.join(', ')
    : s.andMore(names.slice(0, 2).join(', '), names.length - 2)
}
