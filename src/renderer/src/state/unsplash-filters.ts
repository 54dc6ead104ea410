import {
  UNSPLASH_COLORS,
  UNSPLASH_ORDERS,
  UNSPLASH_ORIENTATIONS,
  type UnsplashSearchRequest
} from '../../../common/unsplash.ts'
import { strings } from '../strings/index.ts'

const s = strings.unsplash.picker

/** A search's filters as the API names them; a collection takes its orientation only. */
export type UnsplashFilterValues = Pick<UnsplashSearchRequest, 'orientation' | 'color' | 'orderBy'>
export type UnsplashFilterKey = keyof UnsplashFilterValues

const FILTERS: {
  key: UnsplashFilterKey
  label: string
  options: readonly string[]
  searchOnly: boolean
}[] = [
  { key: 'orientation', label: s.orientation, options: UNSPLASH_ORIENTATIONS, searchOnly: false },
  { key: 'color', label: s.colour, options: UNSPLASH_COLORS, searchOnly: true },
  { key: 'orderBy', label: s.order, options: UNSPLASH_ORDERS, searchOnly: true }
]

/** The filters shown and sent: all three for a search, the orientation alone for a collection. */
export const shownFilters = (collection: boolean) =>
  FILTERS.filter((f) => !collection || !f.searchOnly)

/** The filters set (not "any") that a search, or a collection, takes. */
export function appliedFilters(
  values: UnsplashFilterValues,
  collection: boolean
): UnsplashFilterValues {
  const applied: Record<string, string> = {}
  for (const { key } of shownFilters(collection)) {
    const value = values[key]
    if (value) applied[key] = value
  }
  return applied
}
