import type { Options } from './args.ts'

/**
 * What `search` and `download --unsplash` take to pick photos. Apart from the
 * client (unsplash-options.ts), so that `download` parses them without loading
 * undici into a process whose downloads may all run on worker threads.
 */
export const unsplashOptions = {
  count: { type: 'string' },
  orientation: { type: 'string' },
  color: { type: 'string' },
  order: { type: 'string' },
  collection: { type: 'string' }
} satisfies Options
