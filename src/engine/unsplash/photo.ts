import { z } from 'zod'

/**
 * The part of the Unsplash API's photo object the app uses, as the API documents it
 * (https://unsplash.com/documentation#search-photos). Unknown fields are ignored, a missing
 * one the app needs makes the response malformed.
 */
const apiPhotoSchema = z.object({
  id: z.string().min(1).max(64),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  description: z.string().nullish(),
  alt_description: z.string().nullish(),
  urls: z.object({ raw: z.url(), thumb: z.url() }),
  links: z.object({ html: z.url(), download_location: z.url() }),
  user: z.object({
    name: z.string().max(200),
    username: z.string().max(100),
    links: z.object({ html: z.url() })
  })
})

export const searchResponseSchema = z.object({
  total: z.number().int().nonnegative(),
  total_pages: z.number().int().nonnegative(),
  results: z.array(apiPhotoSchema)
})

/** `/collections/:id/photos` answers with a bare array; its size is in the X-Total header. */
export const collectionResponseSchema = z.array(apiPhotoSchema)

type ApiPhoto = z.infer<typeof apiPhotoSchema>

/** One photo as the app keeps it: enough to show, download, track and credit it. */
export interface UnsplashPhoto {
  id: string
  width: number
  height: number
  description: string
  /** `urls.raw`, with its `ixid`: the URL the app downloads (with its size's `w` and `q`). */
  rawUrl: string
  /** `urls.thumb`: hotlinked for display, never downloaded. */
  thumbUrl: string
  /** The photo's page on Unsplash. */
  pageUrl: string
  /** `links.download_location`: the API endpoint told once per saved photo. */
  downloadLocation: string
  photographer: { name: string; username: string; profileUrl: string }
}

export function toPhoto(photo: ApiPhoto): UnsplashPhoto {
  return {
    id: photo.id,
    width: photo.width,
    height: photo.height,
    description: photo.description ?? photo.alt_description ?? '',
    rawUrl: photo.urls.raw,
    thumbUrl: photo.urls.thumb,
    pageUrl: photo.links.html,
    downloadLocation: photo.links.download_location,
    photographer: {
      name: photo.user.name,
      username: photo.user.username,
      profileUrl: photo.user.links.html
    }
  }
}

/** Unsplash's guidelines: links back carry `utm_source=<app>&utm_medium=referral`. */
export const UTM_SOURCE = 'concurrent_image_downloader'

export function withReferral(url: string): string {
  const parsed = new URL(url)
  parsed.searchParams.set('utm_source', UTM_SOURCE)
  parsed.searchParams.set('utm_medium', 'referral')
  return parsed.toString()
}

/** The credit line Unsplash asks for: `Photo by NAME on Unsplash`. */
export function creditLine(photo: UnsplashPhoto): string {
  return `Photo by ${photo.photographer.name} on Unsplash`
}
