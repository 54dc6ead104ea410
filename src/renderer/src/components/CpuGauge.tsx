interface Props {
  /** Each core's load (0..1) at the latest sample; absent between runs. */
  cores: readonly number[] | undefined
  /** How many bars to draw before the first sample. */
  cpuCount: number
}

/** One bar per core, refreshed by the service's samples while a run goes (every ~250 ms). */
export function CpuGauge({ cores, cpuCount }: Props) {
  const shown = cores ?? Array.from({ length: Math.max(1, cpuCount) }, () => 0)
  const busy = shown.filter((share) => share >= 0.6).length
  const summary = cores
    ? `CPU: ${shown.map((share, i) => `core ${i + 1} ${Math.round(share * 100)}%`).join(', ')}`
    : 'CPU: idle between runs'
  return (
    <div className="cpu-gauge" role="img" aria-label={summary} data-live={cores ? 'true' : 'false'}>
      <div className="cpu-bars" aria-hidden="true">
        {shown.map((share, index) => (
          <div key={index} className="cpu-core" title={`Core ${index + 1}`}>
            <div className="cpu-track">
              <div
                className={`cpu-fill ${share >= 0.6 ? 'cpu-fill--busy' : ''}`}
                style={{ height: `${Math.round(share * 100)}%` }}
              />
            </div>
            <span className="cpu-value">{cores ? `${Math.round(share * 100)}%` : '–'}</span>
            <span className="cpu-name">core {index + 1}</span>
          </div>
        ))}
      </div>
      <p className="cpu-caption">
        {cores
          ? `${busy} of ${shown.length} ${shown.length === 1 ? 'core' : 'cores'} busy`
          : 'Each core’s load shows here while a run goes.'}
      </p>
    </div>
  )
}
