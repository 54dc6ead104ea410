import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { RunKind } from '../../common/events.ts'
import { useApi } from './api-context.ts'
import { DownloadView } from './components/DownloadView.tsx'
import { ProcessView } from './components/ProcessView.tsx'
import { SleepView } from './components/SleepView.tsx'
import { TabPanel } from './components/TabPanel.tsx'
import { useAppInfo } from './hooks/use-app-info.ts'
import { useHistory } from './hooks/use-history.ts'
import { useMenuCommands } from './hooks/use-menu-commands.ts'
import { useNotices } from './hooks/use-notices.ts'
import { useRuns } from './hooks/use-runs.ts'
import { useSettings } from './hooks/use-settings.ts'
import type { ViewStarter } from './hooks/use-view-start.ts'
import type { RunView } from './state/run-state.ts'
import { strings } from './strings/index.ts'

const VIEWS: { id: RunKind; label: string }[] = [
  { id: 'download', label: strings.app.tabs.download },
  { id: 'process', label: strings.app.tabs.process },
  { id: 'sleep', label: strings.app.tabs.sleep }
]

/** The download side shows its latest run: a download, or a download-and-process pipeline. */
function newestOf(a: RunView | null, b: RunView | null): RunView | null {
  if (!a || !b) return a ?? b
  return b.startedAt > a.startedAt ? b : a
}

/** How long to wait for the run-started event after main accepted a run. */
const START_GRACE_MS = 5000

type Start = () => Promise<string | null>
type Starters = Partial<Record<RunKind, (() => void) | null>>

/**
 * One view's way to start a run: `onStart` marks the view's kind as starting while `start` asks main, and
 * `registerStart` hands the menu's Run › Start what the view's button does.
 */
function useRunStarter(
  kind: RunKind,
  begin: (kind: RunKind, start: Start) => void,
  register: (kind: RunKind, start: (() => void) | null) => void
): ViewStarter {
  const onStart = useCallback((start: Start) => begin(kind, start), [kind, begin])
  const registerStart = useCallback(
    (start: (() => void) | null) => register(kind, start),
    [kind, register]
  )
  return useMemo(() => ({ onStart, registerStart }), [onStart, registerStart])
}

export function App() {
  const api = useApi()
  const runs = useRuns(api)
  const store = useSettings(api)
  const info = useAppInfo(api)
  const finished = [runs.download, runs.sleep, runs.process, runs.pipeline]
    .filter((run) => run?.finished)
    .map((run) => run!.runId)
  const history = useHistory(api, finished)
  const [view, setView] = useState<RunKind>('download')
  const [starting, setStarting] = useState<RunKind | null>(null)
  const [startError, setStartError] = useState<{ kind: RunKind; message: string } | null>(null)
  const tabs = useRef<(HTMLButtonElement | null)[]>([])
  const starters = useRef<Starters>({})
  const { notices, dismiss } = useNotices(api)

  // A new run of either view has begun (it may have ended in the same batch of events).
  const runIds = `${runs.download?.runId}|${runs.sleep?.runId}|${runs.process?.runId}|${runs.pipeline?.runId}`
  const downloadRun = newestOf(runs.download, runs.pipeline)
  const viewRuns: Record<string, RunView | null> = {
    download: downloadRun,
    process: runs.process,
    sleep: runs.sleep
  }
  const [seenRuns, setSeenRuns] = useState(runIds)
  if (seenRuns !== runIds) {
    setSeenRuns(runIds)
    setStarting(null)
  }
  useEffect(() => {
    if (starting === null) return
    const timer = window.setTimeout(() => setStarting(null), START_GRACE_MS)
    return () => window.clearTimeout(timer)
  }, [starting])

  const busy = runs.activeRunId !== null || starting !== null

  const onStart = useCallback((kind: RunKind, start: Start): void => {
    setStarting(kind)
    setStartError(null)
    // Main refused the run, or asking it failed: the view says why and can start again.
    const refused = (message: string): void => {
      setStartError({ kind, message })
      setStarting(null)
    }
    start().then(
      (error) => error !== null && refused(error),
      (reason: unknown) => refused(String(reason))
    )
  }, [])

  const onCancel = useCallback((): void => void api.cancelRun(), [api])
  const register = useCallback((kind: RunKind, start: (() => void) | null) => {
    starters.current[kind] = start
  }, [])
  const downloadStarter = useRunStarter('download', onStart, register)
  const sleepStarter = useRunStarter('sleep', onStart, register)
  const processStarter = useRunStarter('process', onStart, register)
  const shared = { busy, info, history, onCancel }
  // Main's refusal of a start, shown by the view that asked.
  const refusal = (...kinds: RunKind[]): string | null =>
    startError && kinds.includes(startError.kind) ? startError.message : null

  useMenuCommands(api, {
    'start-run': () => starters.current[view]?.(),
    'cancel-run': onCancel
  })

  useEffect(() => {
    if (runs.activeRunId === null) return
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (event.key === 'Escape' && !event.defaultPrevented) onCancel()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [runs.activeRunId, onCancel])

  const onTabKey = (event: KeyboardEvent, index: number): void => {
    const keys: Record<string, number> = {
      ArrowRight: (index + 1) % VIEWS.length,
      ArrowLeft: (index - 1 + VIEWS.length) % VIEWS.length,
      Home: 0,
      End: VIEWS.length - 1
    }
    const next = keys[event.key]
    if (next === undefined) return
    event.preventDefault()
    setView(VIEWS[next]!.id)
    tabs.current[next]?.focus()
  }

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ⇊
          </span>
          <h1>{strings.app.title}</h1>
        </div>
        <div className="tabs" role="tablist" aria-label={strings.app.views}>
          {VIEWS.map((v, index) => (
            <button
              key={v.id}
              ref={(element) => {
                tabs.current[index] = element
              }}
              type="button"
              role="tab"
              id={`tab-${v.id}`}
              aria-selected={view === v.id}
              aria-controls={`panel-${v.id}`}
              tabIndex={view === v.id ? 0 : -1}
              className="tab"
              onClick={() => setView(v.id)}
              onKeyDown={(event) => onTabKey(event, index)}
            >
              {v.label}
              {runs.activeRunId !== null && viewRuns[v.id]?.runId === runs.activeRunId && (
                <span className="tab-dot">
                  <span className="visually-hidden">{strings.app.running}</span>
                </span>
              )}
            </button>
          ))}
        </div>
      </header>
      <main>
        {notices.length > 0 && (
          <div className="notices">
            {notices.map((notice, index) => (
              <p key={index} className="notice" role="status">
                {notice}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => dismiss(index)}
                  aria-label={strings.app.dismiss}
                >
                  {strings.app.dismiss}
                </button>
              </p>
            ))}
          </div>
        )}
        <TabPanel view="download" shown={view}>
          <DownloadView
            {...shared}
            {...downloadStarter}
            run={downloadRun}
            store={store}
            error={refusal('download', 'pipeline')}
            onProcess={() => setView('process')}
          />
        </TabPanel>
        <TabPanel view="process" shown={view}>
          <ProcessView
            {...shared}
            {...processStarter}
            run={runs.process}
            store={store}
            error={refusal('process')}
          />
        </TabPanel>
        <TabPanel view="sleep" shown={view}>
          <SleepView {...shared} {...sleepStarter} run={runs.sleep} error={refusal('sleep')} />
        </TabPanel>
      </main>
    </div>
  )
}
