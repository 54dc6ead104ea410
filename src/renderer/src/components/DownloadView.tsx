import { memo, useCallback, useDeferredValue, useMemo, useState } from 'react'
import type { AppInfo, DownloadRequest } from '../../../common/api.ts'
import { parseUrlList } from '../../../common/url-list.ts'
import type { UnsplashPhotoView } from '../../../common/unsplash.ts'
import { useApi } from '../api-context.ts'
import type { HistoryStore } from '../hooks/use-history.ts'
import type { SettingsStore } from '../hooks/use-settings.ts'
import { useFieldProblems } from '../hooks/use-field-problems.ts'
import { refusalOf, useViewStart, type ViewStarter } from '../hooks/use-view-start.ts'
import type { RunView } from '../state/run-state.ts'
import { urlsForSettings } from '../state/url-text.ts'
import { downloadSource } from '../state/download-source.ts'
import { ComparisonCard } from './ComparisonCard.tsx'
import { DownloadSettings } from './DownloadSettings.tsx'
import { HistoryCard } from './HistoryCard.tsx'
import { RunCard } from './RunCard.tsx'
import { RunProgress } from './RunProgress.tsx'
import { offlineFailures } from '../state/run-outcome.ts'
import { OfflineNotice } from './RunNotices.tsx'
import { RunTimeline } from './RunTimeline.tsx'
import { TileFilter } from './TileFilter.tsx'
import { TileGrid } from './TileGrid.tsx'
import { PipelineOption } from './PipelineOption.tsx'
import { ProcessTiles } from './ProcessTiles.tsx'
import { PipelineComparisonCard, StageTimelines } from './StageTimelines.tsx'
import { processSettingsOf } from '../state/process-lessons.ts'
import { strings } from '../strings/index.ts'

const s = strings.download

interface Props extends ViewStarter {
  run: RunView | null
  /** A run of either kind is in flight, or about to be. */
  busy: boolean
  store: SettingsStore
  info: AppInfo | null
  history: HistoryStore
  onCancel(): void
  error: string | null
  /** Goes to the processing step, offered once a download has saved images. */
  onProcess?(): void
}

/** The download view; its settings column is memoized apart, so a run's batches redraw only the run. */
export const DownloadView = memo(function DownloadView({
  run,
  busy,
  store,
  info,
  history,
  onStart,
  onCancel,
  registerStart,
  error,
  onProcess
}: Props) {
  const api = useApi()
  const { settings } = store
  const [typed, setTyped] = useState<string | null>(null)
  const urlText = typed ?? settings?.urls.join('\n') ?? ''
  const deferredText = useDeferredValue(urlText)
  const parsed = useMemo(() => parseUrlList(deferredText), [deferredText])
  const [notice, setNotice] = useState<string | null>(null)
  const { blocked, onProblem } = useFieldProblems()
  const [filter, setFilter] = useState<{ runId: string; failedOnly: boolean } | null>(null)
  // The photos "From Unsplash" picked: the run names them by id, main knows their URLs.
  const [chosen, setChosen] = useState<UnsplashPhotoView[]>([])
  const unsplash = useMemo(() => ({ chosen, onChoose: setChosen }), [chosen])

  const { update, adopt } = store
  const onUrlText = useCallback(
    (text: string): void => {
      setTyped(text)
      update({ urls: urlsForSettings(text) })
    },
    [update]
  )

  const report = useCallback(
    (action: Promise<{ ok: true } | { ok: false; error: string }>) =>
      action.then(
        (result) => setNotice(result.ok ? null : result.error),
        (reason: unknown) => setNotice(String(reason))
      ),
    []
  )
  const onShow = useCallback((file: string) => void report(api.showInFolder(file)), [api, report])
  const onOpen = useCallback((file: string) => void report(api.openImage(file)), [api, report])
  const onChooseFolder = useCallback(
    () =>
      void report(
        api.chooseFolder().then((result) => {
          if (result.ok && result.value) adopt({ outputDir: result.value })
          return result
        })
      ),
    [api, adopt, report]
  )
  const onOpenFolder = useCallback(() => void report(api.openFolder()), [api, report])

  const simulated = settings?.sourceKind === 'simulated'
  const fromUnsplash = settings?.sourceKind === 'unsplash'
  const count = !settings
    ? 0
    : simulated
      ? settings.simulated.count
      : fromUnsplash
        ? chosen.length
        : parsed.urls.length
  const canStart = settings !== null && !busy && count > 0 && blocked === null
  const failedOnly = run !== null && filter?.runId === run.runId && filter.failedOnly
  const shownTasks = useMemo(
    () => (run && failedOnly ? run.tasks.filter((t) => t.status === 'failed') : (run?.tasks ?? [])),
    [run, failedOnly]
  )
  const offline = offlineFailures(run)

  // A new run of just these URLs, with the strategy and concurrency of the run they failed in.
  const strategy = run?.strategy
  const concurrency = run?.concurrency
  const retry = useCallback(
    (urls: string[]): void => {
      if (!strategy || !concurrency || urls.length === 0) return
      onStart(async () =>
        refusalOf(
          await api.startDownload({
            strategy,
            concurrency,
            source: { kind: 'urls', urls, imageSize: 'original' }
          })
        )
      )
    },
    [api, onStart, strategy, concurrency]
  )
  const retryOne = useCallback((url: string) => retry([url]), [retry])
  // The history's Resume: main finds the run's folder, URLs and kept parts from its id.
  const resume = useCallback(
    (runId: string): void => onStart(async () => refusalOf(await api.resumeRun(runId))),
    [api, onStart]
  )
  // Photos from Unsplash are retried by downloading them again (tracked and credited), not by URL.
  const credited = run?.tasks.some((task) => task.credit !== undefined) ?? false
  const retryFailed = (): void =>
    retry(run ? run.tasks.filter((t) => t.status === 'failed').map((t) => t.label) : [])

  const processing = processSettingsOf(settings?.processing, info?.defaultConcurrency ?? 4)
  const start = useViewStart(
    { onStart, registerStart },
    canStart
      ? async () => {
          await store.flush()
          const request: DownloadRequest = {
            strategy: settings.strategy,
            concurrency: settings.concurrency,
            source: downloadSource(settings, chosen, urlText)
          }
          const { pipeline, ...knobs } = processing
          return pipeline
            ? api.startPipeline({ download: request, process: knobs })
            : api.startDownload(request)
        }
      : null
  )

  if (!settings) {
    return <p className="loading">{store.error ?? strings.run.loadingSettings}</p>
  }

  return (
    <div className="view">
      <DownloadSettings
        settings={settings}
        error={store.error}
        urlText={urlText}
        parsed={parsed}
        info={info}
        busy={busy}
        onUrlText={onUrlText}
        onProblem={onProblem}
        update={store.update}
        onChooseFolder={onChooseFolder}
        onOpenFolder={onOpenFolder}
        unsplash={unsplash}
      />

      <div className="content">
        <RunCard
          titleId="images-title"
          title={s.images}
          run={run}
          startLabel={blocked ? s.start : s.startCount(count, processing.pipeline)}
          blocked={blocked}
          {...start}
          onCancel={onCancel}
          alert={error ?? notice}
          announced={s.announced}
        >
          <PipelineOption
            knobs={processing}
            disabled={busy}
            onChange={(pipeline) => update({ processing: { ...processing, pipeline } })}
          />
          {run ? (
            <>
              <RunProgress run={run} />
              {run.notices && (
                <ul className="run-notes" aria-label={s.notices}>
                  {run.notices.map((note, i) => (
                    <li key={i}>{note}</li>
                  ))}
                </ul>
              )}
              {offline ? (
                <OfflineNotice
                  failures={offline}
                  total={run.tasks.length}
                  onUseSimulated={simulated ? null : () => update({ sourceKind: 'simulated' })}
                  onRetry={retryFailed}
                  disabled={busy || credited}
                />
              ) : (
                run.finished &&
                run.failed > 0 &&
                !credited && (
                  <div className="run-followup">
                    <button type="button" className="button" disabled={busy} onClick={retryFailed}>
                      {s.retryFailed(run.failed)}
                    </button>
                  </div>
                )
              )}
              {run.failed > 0 && (
                <TileFilter
                  tasks={run.tasks}
                  failedOnly={failedOnly}
                  onChange={(only) => setFilter({ runId: run.runId, failedOnly: only })}
                />
              )}
              {run.kind === 'pipeline' ? (
                <ProcessTiles run={run} />
              ) : (
                <TileGrid
                  key={failedOnly ? 'failed' : 'all'}
                  tasks={shownTasks}
                  strategy={run.strategy}
                  onShow={onShow}
                  onOpen={onOpen}
                  {...(busy || credited ? {} : { onRetry: retryOne })}
                />
              )}
              {run.finished && run.ok > 0 && run.kind === 'download' && (
                <p className="hint">
                  {s.clickHint}
                  {onProcess && (
                    <>
                      {' '}
                      <button type="button" className="link-button" onClick={onProcess}>
                        {s.processThese}
                      </button>
                    </>
                  )}
                </p>
              )}
            </>
          ) : (
            <div className="empty-state">
              <p className="empty-title">{s.emptyTitle}</p>
              <p>{s.empty(<strong key="button">{s.start}</strong>)}</p>
            </div>
          )}
        </RunCard>
        {run &&
          (run.kind === 'pipeline' ? <StageTimelines run={run} /> : <RunTimeline run={run} />)}
        {run?.kind === 'pipeline' && run.finished && (
          <PipelineComparisonCard run={run} history={history.history} />
        )}
        <ComparisonCard run={run?.kind === 'pipeline' ? null : run} history={history.history} />
        <HistoryCard
          history={history.history}
          kind="download"
          onClear={history.clear}
          onResume={resume}
          busy={busy}
        />
      </div>
    </div>
  )
})
