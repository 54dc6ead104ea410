import { UNSPLASH_COLORS, UNSPLASH_ORDERS, UNSPLASH_ORIENTATIONS } from '../common/unsplash.ts'
import { UnsplashClient } from '../engine/unsplash/client.ts'
import type { PhotoSource } from '../engine/unsplash/find-photos.ts'
import { integer, oneOf } from './args.ts'
import { UsageError } from './usage-error.ts'

/** One request's worth at most: the CLI picks photos, it does not mirror Unsplash. */
export const MAX_CLI_COUNT = 30

export const KEY_HELP =
  'set UNSPLASH_ACCESS_KEY to your own access key: register an app at https://unsplash.com/oauth/applications ' +
  '(a new app is in demo mode, 50 requests an hour)'

/** The client for the user's key (UNSPLASH_ACCESS_KEY) and the API origin (UNSPLASH_API_URL). */
export function unsplashClient(env: NodeJS.ProcessEnv, signal?: AbortSignal): UnsplashClient {
  const accessKey = env.UNSPLASH_ACCESS_KEY?.trim()
  if (!accessKey) throw new UsageError(`no Unsplash access key: ${KEY_HELP}`)
  const apiUrl = env.UNSPLASH_API_URL?.trim()
  if (apiUrl && !URL.canParse(apiUrl)) {
    throw new UsageError(`UNSPLASH_API_URL is not a URL: "${apiUrl}"`)
  }
  return new UnsplashClient({
    accessKey,
    ...(apiUrl ? { apiUrl } : {}),
    ...(signal ? { signal } : {})
  })
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>

/** A search for `query`, or a collection's photos with `--collection ID`. */
export function photoSourceOf(values: Values, query: string | undefined): PhotoSource {
  const orientation =
    values.orientation === undefined
      ? undefined
      : oneOf('orientation', values.orientation, UNSPLASH_ORIENTATIONS, 'landscape')
  const collection = typeof values.collection === 'string' ? values.collection : undefined
  if (collection !== undefined) {
    if (!/^[\w-]{1,64}$/.test(collection)) {
      throw new UsageError(
        `--collection is a collection's id, such as 3178572; got "${collection}"`
      )
    }
    return { kind: 'collection', id: collection, ...(orientation ? { orientation } : {}) }
  }
  if (!query?.trim()) throw new UsageError('give a search query, or --collection ID')
  return {
    kind: 'search',
    query: query.trim(),
    ...(orientation ? { orientation } : {}),
    ...(values.color === undefined
      ? {}
      : { color: oneOf('color', values.color, UNSPLASH_COLORS, 'black') }),
    ...(values.order === undefined
      ? {}
      : { orderBy: oneOf('order', values.order, UNSPLASH_ORDERS, 'relevant') })
  }
}

export function countOf(values: Values): number {
  return integer('count', values.count, 10, 1, MAX_CLI_COUNT)
}
