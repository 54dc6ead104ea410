import type { Source } from '../../../common/api.ts'
import type { Settings } from '../../../common/schemas.ts'
import type { UnsplashPhotoView } from '../../../common/unsplash.ts'
import { parseUrlList } from '../../../common/url-list.ts'

/**
 * What a download fetches, from the settings' source: the simulated CDN's images, the photos
 * picked "From Unsplash" (named by id: main knows their URLs), or the list's valid URLs.
 */
export function downloadSource(
  settings: Settings,
  chosen: readonly UnsplashPhotoView[],
  urlText: string
): Source {
  switch (settings.sourceKind) {
    case 'simulated':
      return { kind: 'simulated', simulated: settings.simulated }
    case 'unsplash':
      return {
        kind: 'unsplash',
        photoIds: chosen.map((photo) => photo.id),
        imageSize: settings.imageSize
      }
    case 'urls':
      return { kind: 'urls', urls: parseUrlList(urlText).urls, imageSize: settings.imageSize }
  }
}
