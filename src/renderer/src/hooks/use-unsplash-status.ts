import { useCallback, useEffect, useState } from 'react'
import type { AppApi } from '../../../common/api.ts'
import type { UnsplashStatus } from '../../../common/unsplash.ts'

export interface UnsplashStatusStore {
  status: UnsplashStatus | null
  /** Takes the status a call answered with (a key set, a search's rate limit). */
  adopt(status: UnsplashStatus): void
  refresh(): void
}

/**
 * Where the Unsplash key comes from (never the key) and what is left of the hour. Asked again
 * whenever `epoch` changes: a run that has ended has used some of the hour on tracking.
 */
export function useUnsplashStatus(api: AppApi, epoch: unknown): UnsplashStatusStore {
  const [status, setStatus] = useState<UnsplashStatus | null>(null)
  const refresh = useCallback(() => {
    api.getUnsplashStatus().then(setStatus, () => undefined)
  }, [api])
  useEffect(refresh, [refresh, epoch])
  return { status, adopt: setStatus, refresh }
}
