import type { z } from 'zod'

/** A short, readable reason for a refused payload: the first few problems with their paths. */
export function describeZodError(what: string, error: z.ZodError): string {
  const problems = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.')
    return path ? `${path}: ${issue.message}` : issue.message
  })
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : ''
  return `Invalid ${what}: ${problems.join('; ')}${more}`
}
