import { en } from './plural.ts'

/** The run history card: its list, the question before clearing it, and the side-by-side columns. */
export const history = {
  title: 'Run history',
  clearQuestion: 'Clear every run?',
  clear: 'Clear',
  keep: 'Keep',
  clearHistory: 'Clear history',
  empty: 'No runs yet. Finished runs are kept here to compare.',
  tickHint: (max: number) => `Tick up to ${max} runs to compare them side by side.`,
  compare: (run: string) => `Compare ${run}`,
  showFewer: 'Show fewer',
  showAll: (n: number) => `Show all ${n}`,
  elapsed: 'Elapsed',
  imagesPerSec: 'Images / s',
  mbPerSec: 'MB / s',
  bytes: 'Bytes',
  speedup: 'Speedup',
  result: 'Result',
  timelineOf: (run: string) => `Timeline of ${run}`,
  quit: (left: number) =>
    `The app quit during this run: ${left} ${en(left, 'image', 'images')} left.`,
  waitForRun: 'Wait for the run in progress to end',
  resumeTitle:
    'Downloads them into the same folder, continuing each partial file the server still has',
  resumeLabel: (run: string, left: number) =>
    `Resume ${run}: ${left} ${en(left, 'image', 'images')} left`,
  resume: 'Resume',
  /** A run's result: `14 ok · 1 failed · interrupted, resumed`. */
  ok: (n: number) => `${n} ok`,
  failed: (n: number) => `${n} failed`,
  cancelled: (n: number) => `${n} cancelled`,
  interrupted: 'interrupted',
  interruptedResumed: 'interrupted, resumed',
  /** A run's name for screen readers: `Worker threads run of 14:05:12, 1.20 s`. */
  describe: (strategy: string, clock: string, time: string) =>
    `${strategy} run of ${clock}, ${time}`
}
