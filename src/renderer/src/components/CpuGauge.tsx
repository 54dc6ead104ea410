import { strings } from '../strings/index.ts'

const s = strings.run.cpu

interface Props {
  /** Each core's load (0..1): the latest sample while a run goes, or its average once it ends. */
  cores: readonly number[] | undefined
  /** `live` while the run goes; `average` over the run once it has ended. */
  mode: 'live' | 'average'
  /** How many bars to draw before the first sample. */
  cpuCount: number
}

/** A core counts as busy at 60 % or more: a JavaScript thread computing shows 90-100 %. */
const BUSY = 0.6

/** One bar per core, refreshed by the service's samples while a run goes (every ~250 ms). */
export function CpuGauge({ cores, mode, cpuCount }: Props) {
  const shown = cores ?? Array.from({ length: Math.max(1, cpuCount) }, () => 0)
  const busy = shown.filter((share) => share >= BUSY).length
  const percent = (share: number): string => `${Math.round(share * 100)}%`
  const caption = !cores
    ? s.waiting
    : mode === 'live'
      ? s.now(busy, shown.length)
      : s.average(busy, shown.length)
  const label = cores
    ? s.label(mode === 'live', shown.map((share, i) => s.core(i + 1, percent(share))).join(', '))
    : s.noRun
  return (
    <div
      className="cpu-gauge"
      role="img"
      aria-label={label}
      data-live={String(mode === 'live' && !!cores)}
    >
      <span className="cpu-title">{s.title}</span>
      <div className="cpu-bars" aria-hidden="true">
        {shown.map((share, index) => (
          <div key={index} className="cpu-core" title={s.coreTitle(index + 1)}>
            <div className="cpu-track">
              <div
                className={`cpu-fill ${share >= BUSY ? 'cpu-fill--busy' : ''}`}
                style={{ height: `${Math.round(share * 100)}%` }}
              />
            </div>
            <span className="cpu-value">{cores ? percent(share) : '–'}</span>
            <span className="cpu-name">{s.coreName(index + 1)}</span>
          </div>
        ))}
      </div>
      <p className="cpu-caption">{caption}</p>
    </div>
  )
}
