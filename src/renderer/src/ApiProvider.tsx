import type { ReactNode } from 'react'
import type { AppApi } from '../../common/api.ts'
import { ApiContext } from './api-context.ts'

export function ApiProvider({ api, children }: { api: AppApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>
}
