import type { UnsplashPhotoView } from '../../../common/unsplash.ts'
import { strings } from '../strings/index.ts'

const s = strings.unsplash.picker

/** One result: its hotlinked thumbnail picks it; the credit's name opens the photographer's profile. */
export function UnsplashPhotoCell({
  photo,
  checked,
  disabled,
  onToggle,
  onProfile
}: {
  photo: UnsplashPhotoView
  checked: boolean
  disabled: boolean
  onToggle(): void
  onProfile(): void
}) {
  const alt = photo.description || s.photoBy(photo.photographer)
  return (
    <li className={`unsplash-cell${checked ? ' is-picked' : ''}`}>
      <label className="unsplash-thumb">
        <input type="checkbox" checked={checked} disabled={disabled} onChange={onToggle} />
        <img
          src={photo.thumbUrl}
          alt={alt}
          loading="lazy"
          referrerPolicy="no-referrer"
          width={200}
          height={Math.round((200 * photo.height) / Math.max(1, photo.width))}
        />
      </label>
      <p className="unsplash-credit">
        {s.credit(
          <button key="name" type="button" className="link-button" onClick={onProfile}>
            {photo.photographer}
          </button>
        )}
      </p>
    </li>
  )
}
