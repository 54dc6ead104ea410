import { useCallback, useEffect, useMemo, useState } from 'react'
import type { AppApi, RunRecord } from '../../../common/api.ts'

export interface HistoryStore {
  history: RunRecord[]
  refresh(): Promise<RunRecord[]>
  clear(): Promise<void>
}

const RETRIES = 5
const RETRY_MS = 300

/**
 * The run history, read again whenever a run finishes. Main may write the
 * record just after the last event, so a finished run not yet in it is asked
 * for again a few times.
 */
export function useHistory(api: AppApi, finishedRunIds: readonly string[]): HistoryStore {
  const [history, setHistory] = useState<RunRecord[]>([])

  const refresh = useCallback(async (): Promise<RunRecord[]> => {
    try {
      const value = await api.getHistory()
      setHistory(value)
      return value
    } catch {
      return []
    }
  }, [api])

  const key = finishedRunIds.join('|')
  useEffect(() => {
    let live = true
    let timer: number | undefined
    const wanted = key.split('|').filter(Boolean)
    const load = async (attempt: number): Promise<void> => {
      const value = await refresh()
      if (!live) return
      const missing = wanted.some((id) => !value.some((r) => r.runId === id))
      if (missing && attempt < RETRIES) {
        timer = window.setTimeout(() => void load(attempt + 1), RETRY_MS)
      }
    }
    void load(0)
    return () => {
      live = false
      window.clearTimeout(timer)
    }
  }, [key, refresh])

  const clear = useCallback(async (): Promise<void> => {
    await api.clearHistory()
    await refresh()
  }, [api, refresh])

  return useMemo(() => ({ history, refresh, clear }), [history, refresh, clear])
}
