import { useCallback, useState } from 'react'
import { strings } from '../strings/index.ts'

/**
 * The problems of a view's fields, each told by its field (null once fixed): `blocked` says the
 * first of them beside the start button, so that a run cannot start on a stale value.
 */
export function useFieldProblems(): {
  blocked: string | null
  onProblem(field: string, problem: string | null): void
} {
  const [problems, setProblems] = useState<Record<string, string>>({})
  const onProblem = useCallback(
    (field: string, problem: string | null): void =>
      setProblems((current) => {
        if ((current[field] ?? null) === problem) return current
        const next = { ...current }
        if (problem === null) delete next[field]
        else next[field] = problem
        return next
      }),
    []
  )
  const [firstField, firstProblem] = Object.entries(problems)[0] ?? []
  const blocked = firstField ? strings.app.blocked(firstField, firstProblem ?? '') : null
  return { blocked, onProblem }
}
