import type { ReactNode } from 'react'
import type { RunKind } from '../../../common/events.ts'

/** One view's panel under the tabs, named by its tab (`tab-<view>`); hidden while another is shown. */
export function TabPanel({
  view,
  shown,
  children
}: {
  view: RunKind
  shown: RunKind
  children: ReactNode
}) {
  return (
    <div
      role="tabpanel"
      id={`panel-${view}`}
      aria-labelledby={`tab-${view}`}
      hidden={view !== shown}
    >
      {children}
    </div>
  )
}
