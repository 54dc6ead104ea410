import { STRATEGY_LABELS, type Strategy } from '../../../common/defaults.ts'
import { strings } from '../strings/index.ts'

/** Where the full name does not fit (the chart's axis): the promise pool's is the long one. */
const SHORT_NAMES: Record<Strategy, string> = {
  sequential: STRATEGY_LABELS.sequential.name,
  workers: STRATEGY_LABELS.workers.name,
  pool: strings.settings.poolShort
}

/** `Sequential`, `Worker threads × 6`, `Promise pool (p-limit) × 4` (short: `Pool (p-limit) × 4`). */
export function runName(
  run: { strategy: Strategy; concurrency: number },
  { short = false }: { short?: boolean } = {}
): string {
  const name = short ? SHORT_NAMES[run.strategy] : STRATEGY_LABELS[run.strategy].name
  return run.strategy === 'sequential' ? name : `${name} × ${run.concurrency}`
}
