import { useEffect, useState } from 'react'

/** The wall clock, ticking while `active`; a component that shows time asks for it itself. */
export function useNow(active: boolean, intervalMs = 100): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    const tick = (): void => setNow(Date.now())
    tick()
    const id = window.setInterval(tick, intervalMs)
    return () => window.clearInterval(id)
  }, [active, intervalMs])
  return now
}
