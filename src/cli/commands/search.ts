import { UnsplashError } from '../../engine/unsplash/client.ts'
import { findPhotos } from '../../engine/unsplash/find-photos.ts'
import { parse } from '../args.ts'
import { unsplashOptions } from '../unsplash-flags.ts'
import { countOf, photoSourceOf, unsplashClient } from '../unsplash-options.ts'
import { printJson } from '../print-json.ts'

/**
 * `search QUERY`: photos from Unsplash with the user's own key, one download URL a line
 * (`urls.raw`, with its ixid), or with `--json` each photo's id, URL, photographer and
 * download location. The URLs can go to `download --urls-file`; `download --unsplash`
 * does the same and also tracks the downloads and writes the credits.
 */
export async function searchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...unsplashOptions, json: { type: 'boolean' } })
  const source = photoSourceOf(values, positionals.join(' '))
  const count = countOf(values)
  const client = unsplashClient(process.env)
  try {
    const { photos, total } = await findPhotos(client, source, count)
    if (values.json === true) {
      printJson({
        total,
        rateLimit: client.rateLimit,
        photos: photos.map((photo) => ({
          id: photo.id,
          url: photo.rawUrl,
          thumb: photo.thumbUrl,
          page: photo.pageUrl,
          description: photo.description,
          photographer: photo.photographer,
          downloadLocation: photo.downloadLocation
        }))
      })
    } else {
      for (const photo of photos) console.log(photo.rawUrl)
      const left = client.rateLimit.remaining
      console.error(
        `${photos.length} of ${total} photos${left === null ? '' : `; ${left} requests left this hour`}`
      )
    }
    return 0
  } catch (error) {
    if (!(error instanceof UnsplashError)) throw error
    console.error(`error: ${error.message}`)
    return 1
  }
}
