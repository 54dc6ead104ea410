import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { AppApi, Settings, SettingsPatch } from '../../../common/api.ts'
import { strings } from '../strings/index.ts'

export interface SettingsStore {
  settings: Settings | null
  error: string | null
  /** Applies a change at once and saves it a moment later, merged with the next ones. */
  update(patch: SettingsPatch): void
  /** Takes a change main already saved (the chosen folder, which the page cannot save itself). */
  adopt(patch: Partial<Settings>): void
  /** Saves what is pending now (before a run starts). */
  flush(): Promise<void>
}

export const SAVE_DELAY_MS = 400

export function useSettings(api: AppApi): SettingsStore {
  const [settings, setSettings] = useState<Settings | null>(null)
  const [error, setError] = useState<string | null>(null)
  const pending = useRef<SettingsPatch | null>(null)
  const timer = useRef<number | undefined>(undefined)

  useEffect(() => {
    let live = true
    api.getSettings().then(
      (value) => live && setSettings(value),
      (reason: unknown) => live && setError(strings.errors.settingsRead(String(reason)))
    )
    return () => {
      live = false
    }
  }, [api])

  const flush = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current)
    timer.current = undefined
    const patch = pending.current
    pending.current = null
    if (!patch) return
    try {
      const result = await api.saveSettings(patch)
      setError(result.ok ? null : strings.errors.settingsNotSaved(result.error))
    } catch (reason) {
      setError(strings.errors.settingsNotSaved(String(reason)))
    }
  }, [api])

  const update = useCallback(
    (patch: SettingsPatch): void => {
      setSettings((current) => (current ? { ...current, ...patch } : current))
      pending.current = { ...pending.current, ...patch }
      window.clearTimeout(timer.current)
      timer.current = window.setTimeout(() => void flush(), SAVE_DELAY_MS)
    },
    [flush]
  )

  const adopt = useCallback((patch: Partial<Settings>): void => {
    setSettings((current) => (current ? { ...current, ...patch } : current))
  }, [])

  // Whatever is still pending when the window goes is saved on the way out.
  useEffect(() => {
    const onHide = (): void => void flush()
    window.addEventListener('pagehide', onHide)
    return () => {
      window.removeEventListener('pagehide', onHide)
      void flush()
    }
  }, [flush])

  return useMemo(
    () => ({ settings, error, update, adopt, flush }),
    [settings, error, update, adopt, flush]
  )
}
