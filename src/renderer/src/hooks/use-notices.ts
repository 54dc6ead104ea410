import { useCallback, useEffect, useState } from 'react'
import type { AppApi } from '../../../common/api.ts'

/** Messages main has for the user once (a damaged settings file set aside...). */
export function useNotices(api: AppApi): { notices: string[]; dismiss(index: number): void } {
  const [notices, setNotices] = useState<string[]>([])
  useEffect(() => {
    let live = true
    api.getNotices().then(
      (value) => live && setNotices(value),
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
