import type { ReactNode } from 'react'
import { rich } from '../helpers.ts'
import { en } from './plural.ts'

/**
 * The "From Unsplash" source: the picker, and Settings › Unsplash. The filters' values
 * (`landscape`, `black_and_white`) are the API's own words, shown as they are.
 */
export const unsplash = {
  noKey: 'Search Unsplash with your own access key: paste it below, once.',
  picker: {
    search: 'Search Unsplash',
    searchOrCollection: 'Search or collection',
    modeSearch: 'Search',
    modeCollection: 'Collection',
    searchFor: 'Search for',
    collectionId: 'Collection id',
    searchPlaceholder: 'mountains, misty forest…',
    collectionPlaceholder: 'a collection id, e.g. 3178572',
    searching: 'Searching…',
    searchButton: 'Search',
    orientation: 'Orientation',
    colour: 'Colour',
    order: 'Order',
    any: 'any',
    noPhotos: 'No photos found.',
    shown: (shown: number, total: number, picked: number) =>
      `${shown} of ${total} shown · ${picked} picked`,
    selectAll: 'Select all',
    clear: 'Clear',
    photos: 'Unsplash photos',
    more: 'More photos',
    useThese: (picked: number) => `Use these${picked > 0 ? ` (${picked})` : ''}`,
    noneChosen: 'No photos chosen yet: search, pick, then Use these.',
    chosen: (n: number, by: string) =>
      `${n} ${en(n, 'photo', 'photos')} chosen for the download, by ${by}.`,
    /** `Ann, Bob and 3 more`. */
    andMore: (names: string, more: number) => `${names} and ${more} more`,
    photoBy: (name: string) => `Photo by ${name}`,
    credit: (name: ReactNode) => rich('Photo by ', name, ' on Unsplash')
  },
  key: {
    title: 'Settings › Unsplash',
    source: {
      saved: 'Your key is saved, encrypted by the system’s keychain.',
      session: 'Your key is kept for this session only: this system cannot encrypt it.',
      environment: 'Your key comes from UNSPLASH_ACCESS_KEY.'
    },
    left: (remaining: number, limit: number | null) =>
      `${remaining}${limit === null ? '' : ` of ${limit}`} requests left this hour.`,
    change: 'Change',
    remove: 'Remove',
    yourKey: 'Your access key',
    save: 'Save',
    useForSession: 'Use for this session',
    savedHelp:
      'Pasted once, saved encrypted by the system’s keychain, sent only to the Unsplash API.',
    sessionHelp: 'This system has no keychain to encrypt it: the key lasts until the app quits.',
    howTo: 'How to get a key',
    howToRest:
      ' (register an app, copy its Access Key). A new app is in demo mode: 50 requests an hour, one per page of results and one per saved photo.',
    advanced: 'Advanced',
    origin: 'API origin',
    set: 'Set',
    originHint: (origin: string) =>
      `The API origin, for a proxy or a mirror; the default is ${origin}.`,
    useDefault: 'Use the default'
  }
}
