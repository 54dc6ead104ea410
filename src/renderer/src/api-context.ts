import { createContext, useContext } from 'react'
import type { AppApi } from '../../common/api.ts'

export const ApiContext = createContext<AppApi | null>(null)

/** The main process, as the window reaches it: window.api in the app, a test double in tests. */
export function useApi(): AppApi {
  const api = useContext(ApiContext)
  if (!api) throw new Error('useApi needs an <ApiProvider>')
  return api
}
