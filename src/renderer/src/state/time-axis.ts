const STEPS = [1, 2, 2.5, 5, 10]

/** A round step near `raw`: 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(raw: number): number {
  if (raw <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = STEPS.find((s) => s * power >= raw) ?? 10
  return step * power
}

/**
 * The end of a time axis for `ms`: rounded up to a step, so that a live axis
 * grows in a few jumps rather than at every tick.
 */
export function niceCeil(ms: number): number {
  const step = niceStep(ms / 8)
  return Math.max(step, Math.ceil(ms / step) * step)
}

export interface Tick {
  ms: number
  label: string
}

/** Ticks from 0 to `domain`, at most `maxTicks` of them, labelled in seconds. */
export function axisTicks(domain: number, maxTicks: number): Tick[] {
  const step = niceStep(domain / Math.max(1, maxTicks))
  const ticks: Tick[] = []
  for (let ms = 0; ms <= domain + 1e-9; ms += step) {
    ticks.push({ ms, label: secondsLabel(ms) })
  }
  return ticks
}

function secondsLabel(ms: number): string {
  const seconds = ms / 1000
  const text = Number.isInteger(seconds) ? String(seconds) : String(Number(seconds.toFixed(3)))
  return `${text} s`
}

/**
 * Round ticks in seconds from 0 to just past `maxSeconds`: four to six steps
 * of 1, 2, 2.5 or 5 times a power of ten, whichever ends nearest (10.02 s:
 * 0 to 12 by 2, not 0 to 15 by 5).
 */
export function secondTicks(maxSeconds: number): number[] {
  let best: { step: number; steps: number } | null = null
  for (const about of [4, 5, 6]) {
    const step = niceStep(maxSeconds / about)
    const steps = Math.max(1, Math.ceil(maxSeconds / step - 1e-9))
    if (!best || step * steps < best.step * best.steps - 1e-9) best = { step, steps }
  }
  const { step, steps } = best!
  return Array.from({ length: steps + 1 }, (_, i) => Number((i * step).toFixed(6)))
}
