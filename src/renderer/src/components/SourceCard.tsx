import type {
  ImageSize,
  Settings,
  SettingsPatch,
  SimulatedSource
} from '../../../common/schemas.ts'
import type { ParsedUrlList } from '../../../common/url-list.ts'
import { SIMULATED_LIMITS } from '../../../common/defaults.ts'
import { countUnsplash } from '../state/url-text.ts'
import { strings } from '../strings/index.ts'
import { NumberField } from './NumberField.tsx'
import { RadioCard } from './RadioCard.tsx'
import { RealPhotosOption } from './RealPhotosOption.tsx'
import { UrlListEditor } from './UrlListEditor.tsx'
import { UnsplashSource } from './UnsplashSource.tsx'
import type { UnsplashChoice } from './UnsplashSource.tsx'

interface Props {
  settings: Settings
  urlText: string
  parsed: ParsedUrlList
  onUrlText(text: string): void
  onChange(patch: SettingsPatch): void
  disabled: boolean
  /** A field's problem by its label, or null once it is valid. */
  onProblem(field: string, problem: string | null): void
  /** The photos picked in the "From Unsplash" source. */
  unsplash: UnsplashChoice
}

const s = strings.settings.source
const sim = strings.settings.simulated

const SIZES: { value: ImageSize; name: string }[] = [
  { value: 'original', name: s.sizeOriginal },
  { value: '2400', name: s.sizeAbout('2400') },
  { value: '1080', name: s.sizeAbout('1080') }
]

export function SourceCard({
  settings,
  urlText,
  parsed,
  onUrlText,
  onChange,
  disabled,
  onProblem,
  unsplash
}: Props) {
  const simulated = settings.sourceKind === 'simulated'
  const fromUnsplash = settings.sourceKind === 'unsplash'
  return (
    <section className="card" aria-labelledby="source-title">
      <h2 id="source-title">{s.title}</h2>
      <fieldset className="radio-cards" disabled={disabled}>
        <legend className="visually-hidden">{s.legend}</legend>
        <RadioCard
          name="source-kind"
          checked={settings.sourceKind === 'urls'}
          onSelect={() => onChange({ sourceKind: 'urls' })}
          title={s.urlsTitle}
          summary={s.urlsSummary}
        />
        <RadioCard
          name="source-kind"
          checked={simulated}
          onSelect={() => onChange({ sourceKind: 'simulated' })}
          title={s.simulatedTitle}
          summary={s.simulatedSummary}
        />
        <RadioCard
          name="source-kind"
          checked={fromUnsplash}
          onSelect={() => onChange({ sourceKind: 'unsplash' })}
          title={s.unsplashTitle}
          summary={s.unsplashSummary}
        />
      </fieldset>
      {fromUnsplash ? (
        <UnsplashSource
          {...unsplash}
          disabled={disabled}
          sizePicker={
            <SizePicker
              value={settings.imageSize}
              unsplash={1}
              total={1}
              note={s.unsplashSizeNote}
              disabled={disabled}
              onChange={(imageSize) => onChange({ imageSize })}
            />
          }
        />
      ) : simulated ? (
        <SimulatedControls
          value={settings.simulated}
          disabled={disabled}
          onChange={(simulated) => onChange({ simulated })}
          onProblem={onProblem}
        />
      ) : (
        <>
          <UrlListEditor text={urlText} parsed={parsed} onChange={onUrlText} disabled={disabled} />
          <SizePicker
            value={settings.imageSize}
            unsplash={countUnsplash(parsed.urls)}
            total={parsed.urls.length}
            disabled={disabled}
            onChange={(imageSize) => onChange({ imageSize })}
          />
        </>
      )}
    </section>
  )
}

function SizePicker({
  value,
  unsplash,
  total,
  disabled,
  onChange,
  note
}: {
  value: ImageSize
  unsplash: number
  total: number
  /** Instead of the hint about the list's URLs. */
  note?: string
  disabled: boolean
  onChange(size: ImageSize): void
}) {
  return (
    <fieldset className="size-picker" disabled={disabled || unsplash === 0}>
      <legend>{s.sizeLegend}</legend>
      <div className="segmented segmented--small">
        {SIZES.map((size) => (
          <label key={size.value}>
            <input
              type="radio"
              name="image-size"
              checked={value === size.value}
              onChange={() => onChange(size.value)}
            />
            <span>{size.name}</span>
          </label>
        ))}
      </div>
      <p className="hint">
        {note ?? (unsplash === 0 ? s.noUnsplashUrls : s.sizeHint(unsplash, total))}
      </p>
    </fieldset>
  )
}

function SimulatedControls({
  value,
  disabled,
  onChange,
  onProblem
}: {
  value: SimulatedSource
  disabled: boolean
  onChange(value: SimulatedSource): void
  onProblem(field: string, problem: string | null): void
}) {
  return (
    <div className="simulated">
      <h3 className="subhead">{sim.title}</h3>
      <div className="field-grid">
        <NumberField
          label={sim.images}
          onProblem={(problem) => onProblem(sim.images, problem)}
          value={value.count}
          {...SIMULATED_LIMITS.count}
          disabled={disabled}
          onChange={(count) => onChange({ ...value, count })}
        />
        <NumberField
          label={sim.sizeEach}
          onProblem={(problem) => onProblem(sim.sizeEach, problem)}
          unit="KB"
          value={value.sizeKB}
          {...SIMULATED_LIMITS.sizeKB}
          disabled={disabled}
          onChange={(sizeKB) => onChange({ ...value, sizeKB })}
        />
        <NumberField
          label={sim.latency}
          onProblem={(problem) => onProblem(sim.latency, problem)}
          unit="ms"
          value={value.latencyMs}
          {...SIMULATED_LIMITS.latencyMs}
          disabled={disabled}
          hint={sim.latencyHint}
          onChange={(latencyMs) => onChange({ ...value, latencyMs })}
        />
        <NumberField
          label={sim.bandwidth}
          onProblem={(problem) => onProblem(sim.bandwidth, problem)}
          unit="KB/s"
          value={value.bandwidthKBps}
          {...SIMULATED_LIMITS.bandwidthKBps}
          disabled={disabled}
          hint={sim.bandwidthHint}
          onChange={(bandwidthKBps) => onChange({ ...value, bandwidthKBps })}
        />
      </div>
      <RealPhotosOption value={value} disabled={disabled} onChange={onChange} />
    </div>
  )
}
