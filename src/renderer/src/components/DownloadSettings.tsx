import { memo } from 'react'
import type { AppInfo, Settings, SettingsPatch } from '../../../common/api.ts'
import { EXISTING_POLICIES, EXISTING_POLICY_LABELS } from '../../../common/defaults.ts'
import type { ParsedUrlList } from '../../../common/url-list.ts'
import { strings } from '../strings/index.ts'
import { ConcurrencyField } from './ConcurrencyField.tsx'
import { FolderBar } from './FolderBar.tsx'
import { RadioList } from './RadioList.tsx'
import { SourceCard } from './SourceCard.tsx'
import { StallField } from './StallField.tsx'
import { StrategyPicker } from './StrategyPicker.tsx'
import type { UnsplashChoice } from './UnsplashSource.tsx'

interface SettingsProps {
  settings: Settings
  error: string | null
  urlText: string
  parsed: ParsedUrlList
  info: AppInfo | null
  busy: boolean
  onUrlText(text: string): void
  onProblem(field: string, problem: string | null): void
  update(patch: SettingsPatch): void
  onChooseFolder(): void
  onOpenFolder(): void
  unsplash: UnsplashChoice
}

/** The download view's settings column: source, strategy, folder; memoized apart from the run. */
export const DownloadSettings = memo(function DownloadSettings({
  settings,
  error,
  urlText,
  parsed,
  info,
  busy,
  onUrlText,
  onProblem,
  update,
  onChooseFolder,
  onOpenFolder,
  unsplash
}: SettingsProps) {
  const s = strings.settings
  return (
    // While a run goes its controls are disabled: the sidebar itself takes the focus, to scroll.
    <aside className="sidebar" aria-label={s.downloadSettings} tabIndex={busy ? 0 : undefined}>
      <SourceCard
        settings={settings}
        urlText={urlText}
        parsed={parsed}
        onUrlText={onUrlText}
        onChange={update}
        disabled={busy}
        onProblem={onProblem}
        unsplash={unsplash}
      />
      <section className="card" aria-labelledby="how-title">
        <h2 id="how-title">{s.how}</h2>
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
          onProblem={(problem) => onProblem(s.concurrency.label, problem)}
          sharesThreads
        />
        <StallField
          value={settings.stall}
          onChange={(stall) => update({ stall })}
          disabled={busy}
          onProblem={onProblem}
        />
      </section>
      <section className="card" aria-labelledby="folder-title">
        <h2 id="folder-title">{s.folder}</h2>
        <FolderBar
          dir={settings.outputDir}
          disabled={busy}
          onChoose={onChooseFolder}
          onOpen={onOpenFolder}
        />
        <RadioList
          legend={s.existingLegend}
          name="existing"
          value={settings.existing}
          options={EXISTING_POLICIES.map((value) => ({
            value,
            label: EXISTING_POLICY_LABELS[value]
          }))}
          onChange={(existing) => update({ existing })}
          disabled={busy}
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
