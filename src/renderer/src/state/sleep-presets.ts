import type { SleepMode, SleepOrder, Strategy } from '../../../common/defaults.ts'
import { strings } from '../strings/index.ts'

const { presets, parse } = strings.sleep

export interface SleepPreset {
  id: string
  title: string
  /** The tutorial's Python, in one line. */
  code: string
  seconds: number[]
  strategy: Strategy
  /** null: the executor's default, min(32, cpus + 4). */
  concurrency: number | null
  order: SleepOrder
  /** What the tutorial printed, in seconds. */
  measured: string
  note: string
}

/** The tutorial's steps, each with the time it printed. */
export const SLEEP_PRESETS: readonly SleepPreset[] = [
  {
    id: 'sequential',
    title: presets.sequential.title,
    code: 'do_something(1); do_something(1)',
    seconds: [1, 1],
    strategy: 'sequential',
    // Sequential has no pool; switching to a pool from here starts at the default size.
    concurrency: null,
    order: 'submitted',
    measured: '2.0',
    note: presets.sequential.note
  },
  {
    id: 'two-threads',
    title: presets['two-threads'].title,
    code: 'threading.Thread(target=do_something, args=[1.5]) × 2',
    seconds: [1.5, 1.5],
    strategy: 'workers',
    concurrency: 2,
    order: 'completed',
    measured: '1.5',
    note: presets['two-threads'].note
  },
  {
    id: 'ten-threads',
    title: presets['ten-threads'].title,
    code: 'for _ in range(10): threading.Thread(...).start()',
    seconds: Array.from({ length: 10 }, () => 1.5),
    strategy: 'workers',
    concurrency: 10,
    order: 'completed',
    measured: '1.51',
    note: presets['ten-threads'].note
  },
  {
    id: 'submit',
    title: presets.submit.title,
    code: 'f1 = executor.submit(do_something, 1); print(f1.result())',
    seconds: [1, 1],
    strategy: 'workers',
    concurrency: null,
    order: 'submitted',
    measured: '1.01',
    note: presets.submit.note
  },
  {
    id: 'as-completed',
    title: presets['as-completed'].title,
    code: 'for f in concurrent.futures.as_completed(results): print(f.result())',
    seconds: [5, 4, 3, 2, 1],
    strategy: 'workers',
    concurrency: null,
    order: 'completed',
    measured: '5.0',
    note: presets['as-completed'].note
  },
  {
    id: 'map',
    title: presets.map.title,
    code: 'results = executor.map(do_something, secs)',
    seconds: [5, 4, 3, 2, 1],
    strategy: 'workers',
    concurrency: null,
    order: 'submitted',
    measured: '5.01',
    note: presets.map.note
  }
]

/** time.sleep blocks its thread: the closest of the modes to the tutorial. */
export const PRESET_MODE: SleepMode = 'block'

/** Reads `5, 4, 3 2 1` or `1.5 x 10`; returns the seconds, or why they cannot be used. */
export function parseDurations(text: string): { seconds: number[] } | { error: string } {
  const seconds: number[] = []
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const repeat = /^(\d+(?:\.\d+)?)(?:[x×*](\d+))?$/i.exec(part)
    if (!repeat?.[1]) return { error: parse.notANumber(part) }
    const value = Number(repeat[1])
    const times = repeat[2] ? Number(repeat[2]) : 1
    if (value > 60) return { error: parse.tooLong }
    for (let i = 0; i < times; i++) seconds.push(value)
  }
  if (seconds.length === 0) return { error: parse.none }
  if (seconds.length > 100) return { error: parse.tooMany }
  return { seconds }
}

/** `5, 4, 3` or, for a run of three or more equal ones, `1.5x10`. */
export function formatDurations(seconds: readonly number[]): string {
  const parts: string[] = []
  for (let i = 0; i < seconds.length;) {
    let j = i
    while (j < seconds.length && seconds[j] === seconds[i]) j++
    const count = j - i
    if (count >= 3) parts.push(`${seconds[i]}x${count}`)
    else for (let k = i; k < j; k++) parts.push(String(seconds[k]))
    i = j
  }
  return parts.join(', ')
}
