import { useEffect, useRef } from 'react'
import type { AppApi, MenuCommand } from '../../../common/api.ts'

/** Carries out the application menu's commands with the handlers of the latest render. */
export function useMenuCommands(
  api: AppApi,
  handlers: Partial<Record<MenuCommand, () => void>>
): void {
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })
  useEffect(() => api.onMenuCommand((command) => latest.current[command]?.()), [api])
}
