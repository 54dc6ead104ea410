import { useEffect } from 'react'
import type { Result } from '../../../common/api.ts'

/** What App hands each view: a way to start a run, and a way to hand the menu the view's Start. */
export interface ViewStarter {
  /** Marks the view as starting while `start` asks main; `start` resolves to main's refusal, or null. */
  onStart(start: () => Promise<string | null>): void
  /** Hands the menu's Run › Start the way to start, or null when it cannot. */
  registerStart(start: (() => void) | null): void
}

/** Main's refusal of a run, or null when it took it. */
export function refusalOf(result: Result<unknown>): string | null {
  return result.ok ? null : result.error
}

/**
 * A view's Start: `ask` (null while the view cannot start) asks main for the run; `onStart` starts
 * it through App's `onStart`, for the view's start button (`canStart` while `ask` is given). The
 * menu's Run › Start does what the button does, when the button could.
 */
export function useViewStart(
  { onStart, registerStart }: ViewStarter,
  ask: (() => Promise<Result<unknown>>) | null
): { canStart: boolean; onStart(): void } {
  const start = (): void => {
    if (ask) onStart(async () => refusalOf(await ask()))
  }
  useEffect(() => registerStart(ask ? start : null))
  useEffect(() => () => registerStart(null), [registerStart])
  return { canStart: ask !== null, onStart: start }
}
