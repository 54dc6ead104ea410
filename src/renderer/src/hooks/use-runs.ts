import { useEffect, useReducer } from 'react'
import type { AppApi } from '../../../common/api.ts'
import { initialRunsState, runsReducer, type RunsState } from '../state/run-state.ts'

/** The runs as the event stream tells them: one reducer dispatch per batch. */
export function useRuns(api: AppApi): RunsState {
  const [state, dispatch] = useReducer(runsReducer, initialRunsState)
  useEffect(() => {
    const unsubscribe = api.onRunEvents((batch) => dispatch({ type: 'events', batch }))
    // A page that loads mid-run (a reload after a crash) replays the run so far. The replay
    // holds every batch sent before it, and its run-started rebuilds the run from the start,
    // so it draws the run once even after batches that came first.
    let live = true
    api.getCurrentRun().then(
      (batch) => live && dispatch({ type: 'events', batch }),
      () => undefined
    )
    return () => {
      live = false
      unsubscribe()
    }
  }, [api])
  return state
}
