import { memo, useCallback, useEffect, useMemo, useState } from 'react'
import type { AppInfo } from '../../../common/api.ts'
import type { ProcessSettings as Knobs } from '../../../common/schemas.ts'
import { useApi } from '../api-context.ts'
import type { HistoryStore } from '../hooks/use-history.ts'
import type { SettingsStore } from '../hooks/use-settings.ts'
import { latestInput, processSettingsOf } from '../state/process-lessons.ts'
import { runEndText } from '../state/run-outcome.ts'
import { cpuAverage, type RunView } from '../state/run-state.ts'
import { strings } from '../strings/index.ts'
import { CpuGauge } from './CpuGauge.tsx'
import { HistoryCard } from './HistoryCard.tsx'
import { ProcessComparison, ProcessResultLine } from './ProcessComparison.tsx'
import { ProcessSettings } from './ProcessSettings.tsx'
import { ProcessTiles } from './ProcessTiles.tsx'
import { RunActions } from './RunActions.tsx'
import { RunAnnouncer } from './RunNotices.tsx'
import { RunProgress } from './RunProgress.tsx'
import { RunTimeline } from './RunTimeline.tsx'

interface Props {
  run: RunView | null
  busy: boolean
  store: SettingsStore
  info: AppInfo | null
  history: HistoryStore
  onStart(start: () => Promise<string | null>): void
  onCancel(): void
  registerStart(start: (() => void) | null): void
  error: string | null
}

/** The processing step: blur and shrink what a download saved, and watch the cores while it runs. */
export const ProcessView = memo(function ProcessView({
  run,
  busy,
  store,
  info,
  history,
  onStart,
  onCancel,
  registerStart,
  error
}: Props) {
  const api = useApi()
  const s = strings.process
  const { settings, update } = store
  const knobs = processSettingsOf(settings?.processing, info?.defaultConcurrency ?? 4)
  const input = useMemo(() => latestInput(history.history), [history.history])
  const [problems, setProblems] = useState<Record<string, string>>({})
  const onProblem = useCallback(
    (field: string, problem: string | null): void =>
      setProblems((current) => {
        if ((current[field] ?? null) === problem) return current
        const next = { ...current }
        if (problem === null) delete next[field]
        else next[field] = problem
        return next
      }),
    []
  )
  const onChange = (patch: Partial<Knobs>): void => update({ processing: { ...knobs, ...patch } })

  const [firstField, firstProblem] = Object.entries(problems)[0] ?? []
  const blocked = firstField ? strings.app.blocked(firstField, firstProblem ?? '') : null
  const canStart =
    settings !== null && !busy && input !== undefined && input.count > 0 && blocked === null

  const start = (): void => {
    if (!input) return
    onStart(async () => {
      await store.flush()
      const { strategy, concurrency, kernel, blur, maxSize } = knobs
      const result = await api.startProcess({
        strategy,
        concurrency,
        kernel,
        blur,
        maxSize,
        from: input.run.runId
      })
      return result.ok ? null : result.error
    })
  }
  useEffect(() => registerStart(canStart ? start : null))
  useEffect(() => () => registerStart(null), [registerStart])

  if (!settings) return <p className="loading">{store.error ?? strings.run.loadingSettings}</p>
  const count = input?.count ?? 0

  return (
    <div className="view">
      <ProcessSettings
        knobs={knobs}
        input={input}
        info={info}
        busy={busy}
        onChange={onChange}
        onProblem={onProblem}
      />
      <div className="content">
        <section className="card run-card" aria-labelledby="process-title">
          <div className="card-head">
            <h2 id="process-title">{s.title}</h2>
            <RunActions
              startLabel={blocked || count === 0 ? s.title : s.start(count)}
              canStart={canStart}
              blocked={blocked}
              canCancel={run?.finished === null}
              onStart={start}
              onCancel={onCancel}
            />
          </div>
          {error && (
            <p className="alert" role="alert">
              {error}
            </p>
          )}
          <RunAnnouncer text={runEndText(run, s.announced)} />
          <CpuGauge
            cores={run ? (run.finished === null ? run.cpu : cpuAverage(run)) : undefined}
            mode={run?.finished === null ? 'live' : 'average'}
            cpuCount={info?.cpuCount ?? 1}
          />
          {run ? (
            <>
              <RunProgress run={run} />
              <ProcessResultLine run={run} />
              <ProcessTiles run={run} />
            </>
          ) : (
            <div className="empty-state">
              <p className="empty-title">{s.emptyTitle}</p>
              <p>{s.empty(knobs.maxSize, <code key="folder">{s.processedFolder}</code>)}</p>
            </div>
          )}
        </section>
        {run && <RunTimeline run={run} />}
        <ProcessComparison run={run} history={history.history} />
        <HistoryCard history={history.history} kind="process" onClear={history.clear} />
      </div>
    </div>
  )
})
