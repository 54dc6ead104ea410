import { useEffect, useRef } from 'react'
import type { AppApi } from '../../../common/api.ts'

/** Not in AppApi yet (proposed by the main process): the application menu's commands. */
interface MenuApi {
  onMenuCommand?(listener: (command: string) => void): () => void
}

/** Follows the application menu's commands (`start-run`, `cancel-run`), when the API offers them. */
export function useMenuCommands(api: AppApi, handlers: Record<string, () => void>): void {
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })
  useEffect(() => {
    const subscribe = (api as AppApi & MenuApi).onMenuCommand
    if (typeof subscribe !== 'function') return
    return subscribe.call(api, (command) => latest.current[command]?.())
  }, [api])
}
