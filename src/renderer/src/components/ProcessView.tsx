import { memo, useMemo } from 'react'
import type { AppInfo } from '../../../common/api.ts'
import type { ProcessSettings as Knobs } from '../../../common/schemas.ts'
import { useApi } from '../api-context.ts'
import { useFieldProblems } from '../hooks/use-field-problems.ts'
import type { HistoryStore } from '../hooks/use-history.ts'
import type { SettingsStore } from '../hooks/use-settings.ts'
import { useViewStart, type ViewStarter } from '../hooks/use-view-start.ts'
import { latestInput, processSettingsOf } from '../state/process-lessons.ts'
import { cpuAverage, type RunView } from '../state/run-state.ts'
import { strings } from '../strings/index.ts'
import { CpuGauge } from './CpuGauge.tsx'
import { HistoryCard } from './HistoryCard.tsx'
import { ProcessComparison, ProcessResultLine } from './ProcessComparison.tsx'
import { ProcessSettings } from './ProcessSettings.tsx'
import { ProcessTiles } from './ProcessTiles.tsx'
import { RunCard } from './RunCard.tsx'
import { RunProgress } from './RunProgress.tsx'
import { RunTimeline } from './RunTimeline.tsx'

interface Props extends ViewStarter {
  run: RunView | null
  busy: boolean
  store: SettingsStore
  info: AppInfo | null
  history: HistoryStore
  onCancel(): void
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
  const { blocked, onProblem } = useFieldProblems()
  const onChange = (patch: Partial<Knobs>): void => update({ processing: { ...knobs, ...patch } })

  const canStart =
    settings !== null && !busy && input !== undefined && input.count > 0 && blocked === null
  const start = useViewStart(
    { onStart, registerStart },
    canStart
      ? async () => {
          await store.flush()
          const { strategy, concurrency, kernel, blur, maxSize } = knobs
          return api.startProcess({
            strategy,
            concurrency,
            kernel,
            blur,
            maxSize,
            from: input.run.runId
          })
        }
      : null
  )

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
        <RunCard
          titleId="process-title"
          title={s.title}
          run={run}
          startLabel={blocked || count === 0 ? s.title : s.start(count)}
          blocked={blocked}
          {...start}
          onCancel={onCancel}
          alert={error}
          announced={s.announced}
        >
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
        </RunCard>
        {run && <RunTimeline run={run} />}
        <ProcessComparison run={run} history={history.history} />
        <HistoryCard history={history.history} kind="process" onClear={history.clear} />
      </div>
    </div>
  )
})
