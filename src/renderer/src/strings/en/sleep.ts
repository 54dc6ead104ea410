import type { ReactNode } from 'react'
import { rich } from '../helpers.ts'
import { en } from './plural.ts'

/**
 * The Sleep demo. The console's lines (`Sleeping 1 second(s)...`, state/sleep-console.ts) and the
 * presets' Python stay as they are: they reproduce the tutorial's own printout and code.
 */
export const sleep = {
  settings: 'Sleep demo settings',
  steps: 'The tutorial’s steps',
  measured: (seconds: string) => `tutorial: ${seconds} s`,
  yourOwn: 'Your own',
  sleeps: 'Sleeps, in seconds',
  sleepsHint: (n: number) =>
    `${n} ${en(n, 'sleep', 'sleeps')}; commas or spaces between, 1.5x10 for ten of 1.5`,
  sleepsField: 'Sleeps',
  mode: 'Mode',
  readWith: 'Read results with',
  asCompletedNote: 'results in finishing order',
  mapNote: 'results in input order',
  custom: 'Custom run',
  run: 'Run',
  /** Said when a sleep run ends (run-outcome.ts). */
  announced: 'Sleep run',
  thisRun: (mine: ReactNode, theirs: ReactNode) =>
    rich('This run: ', mine, ' · the tutorial measured ', theirs),
  empty:
    'Pick a step of the tutorial, or make your own, and press Run. Try a promise pool with Block: the sleeps stop overlapping, because blocking holds its one thread.',
  console: 'Console',
  consoleEmpty: 'Run a step of the tutorial: its output prints here.',
  /** The console's heading for a run that is no preset. */
  customHeading: (durations: string) => `sleep ${durations}`,
  /** Why the durations cannot be used (state/sleep-presets.ts). */
  parse: {
    notANumber: (part: string) => `“${part}” is not a number of seconds`,
    tooLong: 'at most 60 seconds per sleep',
    none: 'enter at least one duration',
    tooMany: 'at most 100 sleeps'
  },
  /** The tutorial's steps, by preset id: the title and what it shows. */
  presets: {
    sequential: {
      title: 'Two sleeps, one after another',
      note: 'Each call waits for the one before it.'
    },
    'two-threads': { title: 'Two threads of 1.5 s', note: 'Both sleep at the same time.' },
    'ten-threads': {
      title: 'Ten threads of 1.5 s',
      note: 'Ten sleeps still take one sleep’s time.'
    },
    submit: {
      title: 'submit two 1 s tasks',
      note: 'A ThreadPoolExecutor with its default pool size.'
    },
    'as-completed': {
      title: 'submit 5, 4, 3, 2, 1 with as_completed',
      note: 'Results print in finishing order: 1 first.'
    },
    map: {
      title: 'map over 5, 4, 3, 2, 1',
      note: 'Results print in input order: 5 first, all at the end.'
    }
  }
}
