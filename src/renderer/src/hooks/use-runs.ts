import { useEffect, useReducer } from 'react'
import type { AppApi } from '../../../common/api.ts'
import { initialRunsState, runsReducer, type RunsState } from '../state/run-state.ts'

/** The runs as the event stream tells them: one reducer dispatch per batch. */
export function useRuns(api: AppApi): RunsState {
  const [state, dispatch] = useReducer(runsReducer, initialRunsState)
  useEffect(() => api.onRunEvents((batch) => dispatch({ type: 'events', batch })), [api])
  return state
}
