import { useEffect, useState } from 'react'
import type { AppApi, AppInfo } from '../../../common/api.ts'

export function useAppInfo(api: AppApi): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null)
  useEffect(() => {
    let live = true
    api.getAppInfo().then(
      (value) => live && setInfo(value),
      () => undefined
    )
    return () => {
      live = false
    }
  }, [api])
  return info
}
