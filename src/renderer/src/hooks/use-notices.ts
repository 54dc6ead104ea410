import { useCallback, useEffect, useState } from 'react'
import type { AppApi } from '../../../common/api.ts'

/** Not in AppApi yet (proposed by the main process): one-time messages for the user. */
interface NoticeApi {
  getNotices?(): Promise<string[]>
}

export function useNotices(api: AppApi): { notices: string[]; dismiss(index: number): void } {
  const [notices, setNotices] = useState<string[]>([])
  useEffect(() => {
    const get = (api as AppApi & NoticeApi).getNotices
    if (typeof get !== 'function') return
    let live = true
    get.call(api).then(
      (value) => live && Array.isArray(value) && setNotices(value),
      () => undefined
    )
    return () => {
      live = false
    }
  }, [api])
  const dismiss = useCallback(
    (index: number) => setNotices((current) => current.filter((_, i) => i !== index)),
    []
  )
  return { notices, dismiss }
}
