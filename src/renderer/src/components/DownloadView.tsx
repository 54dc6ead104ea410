import { memo, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react'
import type {
  AppInfo,
  DownloadRequest,
  Settings,
  SettingsPatch,
  Source
} from '../../../common/api.ts'
import { parseUrlList, type ParsedUrlList } from '../../../common/url-list.ts'
import { useApi } from '../api-context.ts'
import type { HistoryStore } from '../hooks/use-history.ts'
import type { SettingsStore } from '../hooks/use-settings.ts'
import type { RunView } from '../state/run-state.ts'
import { urlsForSettings } from '../state/url-text.ts'
import { ComparisonCard } from './ComparisonCard.tsx'
import { ConcurrencyField } from './ConcurrencyField.tsx'
import { FolderBar } from './FolderBar.tsx'
import { HistoryCard } from './HistoryCard.tsx'
import { RunActions } from './RunActions.tsx'
import { RunProgress } from './RunProgress.tsx'
import { RunTimeline } from './RunTimeline.tsx'
import { SourceCard } from './SourceCard.tsx'
import { StrategyPicker } from './StrategyPicker.tsx'
import { TileGrid } from './TileGrid.tsx'

interface Props {
  run: RunView | null
  /** A run of either kind is in flight, or about to be. */
  busy: boolean
  store: SettingsStore
  info: AppInfo | null
  history: HistoryStore
  onStart(start: () => Promise<string | null>): void
  onCancel(): void
  /** Hands the menu's Run › Start the way to start, or null when it cannot. */
  registerStart(start: (() => void) | null): void
  error: string | null
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
  error
}: Props) {
  const api = useApi()
  const { settings } = store
  const [typed, setTyped] = useState<string | null>(null)
  const urlText = typed ?? settings?.urls.join('\n') ?? ''
  const deferredText = useDeferredValue(urlText)
  const parsed = useMemo(() => parseUrlList(deferredText), [deferredText])
  const [notice, setNotice] = useState<string | null>(null)

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
    () => void api.chooseFolder().then((dir) => dir && adopt({ outputDir: dir })),
    [api, adopt]
  )
  const onOpenFolder = useCallback(() => void report(api.openFolder()), [api, report])

  const simulated = settings?.sourceKind === 'simulated'
  const count = !settings ? 0 : simulated ? settings.simulated.count : parsed.urls.length
  const canStart = settings !== null && !busy && count > 0

  const start = (): void => {
    if (!settings) return
    onStart(async () => {
      await store.flush()
      const source: Source = simulated
        ? { kind: 'simulated', simulated: settings.simulated }
        : { kind: 'urls', urls: parseUrlList(urlText).urls, imageSize: settings.imageSize }
      const request: DownloadRequest = {
        strategy: settings.strategy,
        concurrency: settings.concurrency,
        source,
        outputDir: settings.outputDir
      }
      const result = await api.startDownload(request)
      return result.ok ? null : result.error
    })
  }

  // The menu's Run › Start does what the button does, when the button could.
  useEffect(() => registerStart(canStart ? start : null))
  useEffect(() => () => registerStart(null), [registerStart])

  if (!settings) {
    return <p className="loading">{store.error ?? 'Loading settings…'}</p>
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
        update={store.update}
        onChooseFolder={onChooseFolder}
        onOpenFolder={onOpenFolder}
      />

      <div className="content">
        <section className="card run-card" aria-labelledby="images-title">
          <div className="card-head">
            <h2 id="images-title">Images</h2>
            <RunActions
              startLabel={`Download ${count} ${count === 1 ? 'image' : 'images'}`}
              canStart={canStart}
              canCancel={run?.finished === null}
              onStart={start}
              onCancel={onCancel}
            />
          </div>
          {(error || notice) && (
            <p className="alert" role="alert">
              {error ?? notice}
            </p>
          )}
          {run ? (
            <>
              <RunProgress run={run} />
              <TileGrid tasks={run.tasks} strategy={run.strategy} onShow={onShow} onOpen={onOpen} />
              {run.finished && run.ok > 0 && (
                <p className="hint">
                  Click an image to show it in its folder; double-click or Open to open it.
                </p>
              )}
            </>
          ) : (
            <div className="empty-state">
              <p className="empty-title">Nothing downloaded yet</p>
              <p>
                Pick a source and a strategy, then press <strong>Download</strong>. Each image gets
                a tile here: its progress while it downloads, its thumbnail when it is saved.
              </p>
            </div>
          )}
        </section>
        {run && <RunTimeline run={run} />}
        <ComparisonCard run={run} history={history.history} />
        <HistoryCard history={history.history} kind="download" onClear={history.clear} />
      </div>
    </div>
  )
})

interface SettingsProps {
  settings: Settings
  error: string | null
  urlText: string
  parsed: ParsedUrlList
  info: AppInfo | null
  busy: boolean
  onUrlText(text: string): void
  update(patch: SettingsPatch): void
  onChooseFolder(): void
  onOpenFolder(): void
}

const DownloadSettings = memo(function DownloadSettings({
  settings,
  error,
  urlText,
  parsed,
  info,
  busy,
  onUrlText,
  update,
  onChooseFolder,
  onOpenFolder
}: SettingsProps) {
  return (
    <aside className="sidebar" aria-label="Download settings">
      <SourceCard
        settings={settings}
        urlText={urlText}
        parsed={parsed}
        onUrlText={onUrlText}
        onChange={update}
        disabled={busy}
      />
      <section className="card" aria-labelledby="how-title">
        <h2 id="how-title">How</h2>
        <StrategyPicker
          name="download-strategy"
          value={settings.strategy}
          onChange={(strategy) => update({ strategy })}
          disabled={busy}
        />
        <ConcurrencyField
          value={settings.concurrency}
          strategy={settings.strategy}
          info={info}
          onChange={(concurrency) => update({ concurrency })}
          disabled={busy}
        />
      </section>
      <section className="card" aria-labelledby="folder-title">
        <h2 id="folder-title">Folder</h2>
        <FolderBar
          dir={settings.outputDir}
          disabled={busy}
          onChoose={onChooseFolder}
          onOpen={onOpenFolder}
        />
      </section>
      {error && (
        <p className="hint hint--error" role="alert">
          {error}
        </p>
      )}
    </aside>
  )
})
