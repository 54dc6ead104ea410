import type { SleepMode, SleepOrder, Strategy } from '../../../common/defaults.ts'

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
    title: 'Two sleeps, one after another',
    code: 'do_something(1); do_something(1)',
    seconds: [1, 1],
    strategy: 'sequential',
    // Sequential has no pool; switching to a pool from here starts at the default size.
    concurrency: null,
    order: 'submitted',
    measured: '2.0',
    note: 'Each call waits for the one before it.'
  },
  {
    id: 'two-threads',
    title: 'Two threads of 1.5 s',
    code: 'threading.Thread(target=do_something, args=[1.5]) × 2',
    seconds: [1.5, 1.5],
    strategy: 'workers',
    concurrency: 2,
    order: 'completed',
    measured: '1.5',
    note: 'Both sleep at the same time.'
  },
  {
    id: 'ten-threads',
    title: 'Ten threads of 1.5 s',
    code: 'for _ in range(10): threading.Thread(...).start()',
    seconds: Array.from({ length: 10 }, () => 1.5),
    strategy: 'workers',
    concurrency: 10,
    order: 'completed',
    measured: '1.51',
    note: 'Ten sleeps still take one sleep’s time.'
  },
  {
    id: 'submit',
    title: 'submit two 1 s tasks',
    code: 'f1 = executor.submit(do_something, 1); print(f1.result())',
    seconds: [1, 1],
    strategy: 'workers',
    concurrency: null,
    order: 'submitted',
    measured: '1.01',
    note: 'A ThreadPoolExecutor with its default pool size.'
  },
  {
    id: 'as-completed',
    title: 'submit 5, 4, 3, 2, 1 with as_completed',
    code: 'for f in concurrent.futures.as_completed(results): print(f.result())',
    seconds: [5, 4, 3, 2, 1],
    strategy: 'workers',
    concurrency: null,
    order: 'completed',
    measured: '5.0',
    note: 'Results print in finishing order: 1 first.'
  },
  {
    id: 'map',
    title: 'map over 5, 4, 3, 2, 1',
    code: 'results = executor.map(do_something, secs)',
    seconds: [5, 4, 3, 2, 1],
    strategy: 'workers',
    concurrency: null,
    order: 'submitted',
    measured: '5.01',
    note: 'Results print in input order: 5 first, all at the end.'
  }
]

/** time.sleep blocks its thread: the closest of the modes to the tutorial. */
export const PRESET_MODE: SleepMode = 'block'

/** Reads `5, 4, 3 2 1` or `1.5 x 10`; returns the seconds, or why they cannot be used. */
export function parseDurations(text: string): { seconds: number[] } | { error: string } {
  const seconds: number[] = []
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const repeat = /^(\d+(?:\.\d+)?)(?:[x×*](\d+))?$/i.exec(part)
    if (!repeat?.[1]) return { error: `“${part}” is not a number of seconds` }
    const value = Number(repeat[1])
    const times = repeat[2] ? Number(repeat[2]) : 1
    if (value > 60) return { error: 'at most 60 seconds per sleep' }
    for (let i = 0; i < times; i++) seconds.push(value)
  }
  if (seconds.length === 0) return { error: 'enter at least one duration' }
  if (seconds.length > 100) return { error: 'at most 100 sleeps' }
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
