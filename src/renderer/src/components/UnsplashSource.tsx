import type { ReactNode } from 'react'
import type { UnsplashPhotoView } from '../../../common/unsplash.ts'
import { useApi } from '../api-context.ts'
import { useUnsplashStatus } from '../hooks/use-unsplash-status.ts'
import { UnsplashKeyForm } from './UnsplashKeyForm.tsx'
import { UnsplashPicker } from './UnsplashPicker.tsx'
import { strings } from '../strings/index.ts'

export interface UnsplashChoice {
  chosen: readonly UnsplashPhotoView[]
  onChoose(photos: UnsplashPhotoView[]): void
}

/** The "From Unsplash" source: the picker once there is a key, and Settings › Unsplash. */
export function UnsplashSource({
  chosen,
  onChoose,
  disabled,
  sizePicker
}: UnsplashChoice & { disabled: boolean; sizePicker: ReactNode }) {
  const api = useApi()
  // Asked again when a run ends (`disabled` turns false): its tracking used some of the hour.
  const store = useUnsplashStatus(api, disabled)
  const { status, adopt } = store
  return (
    <div className="unsplash">
      {status?.key ? (
        <UnsplashPicker
          chosen={chosen}
          onChoose={onChoose}
          disabled={disabled}
          onStatus={(rateLimit) => adopt({ ...status, rateLimit })}
        />
      ) : (
        <p className="hint">{strings.unsplash.noKey}</p>
      )}
      {sizePicker}
      <UnsplashKeyForm store={store} disabled={disabled} />
    </div>
  )
}
