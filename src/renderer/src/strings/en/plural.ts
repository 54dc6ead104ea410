import { plural } from '../helpers.ts'

/** English has two forms: `one` for 1, `other` for everything else. */
export function en(count: number, one: string, other: string): string {
  return plural('en', count, { one, other })
}
