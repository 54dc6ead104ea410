import { resolve } from 'node:path'
import { DEFAULT_EXISTING_POLICY, EXISTING_POLICIES } from '../../common/defaults.ts'
import { UnsplashError } from '../../engine/unsplash/client.ts'
import { downloadPhotos } from '../../engine/unsplash/download-photos.ts'
import { findPhotos } from '../../engine/unsplash/find-photos.ts'
import { concurrencyOf, oneOf, strategyOf } from '../args.ts'
import { pythonSeconds } from '../format.ts'
import { networkLimitsOf } from '../network.ts'
import { terminalProgress } from '../progress.ts'
import { countOf, photoSourceOf, unsplashClient } from '../unsplash-options.ts'
import { verboseReporter } from '../verbose.ts'
import { tutorialLines } from '../run-lines.ts'
import { abortOnInterrupt } from '../interrupt.ts'
import { summaryJson } from '../download-json.ts'
import { printJson } from '../print-json.ts'

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>

/**
 * `download --unsplash QUERY`: finds the photos with the user's key, downloads them as any
 * list, tells Unsplash of each saved one, and writes CREDITS.md and credits.json.
 */
export async function downloadUnsplashCommand(values: Values, query: string): Promise<number> {
  const source = photoSourceOf(values, query)
  const count = countOf(values)
  const json = values.json === true
  const dir = resolve(typeof values.out === 'string' ? values.out : 'images')
  const existing = oneOf('existing', values.existing, EXISTING_POLICIES, DEFAULT_EXISTING_POLICY)
  const strategy = strategyOf(values)
  const concurrency = concurrencyOf(values)
  const interrupt = abortOnInterrupt()
  const client = unsplashClient(process.env, interrupt.signal)
  const progress = terminalProgress(!json)
  const verbose = verboseReporter(values.verbose === true)
  const lines = tutorialLines()
  try {
    const { photos } = await findPhotos(client, source, count)
    if (photos.length === 0) {
      console.error('Unsplash found no photos for that')
      return 1
    }
    const summary = await downloadPhotos(client, photos, {
      strategy,
      concurrency,
      dir,
      existing,
      size: 'original',
      limits: networkLimitsOf(values),
      signal: interrupt.signal,
      onEvent: (event) => {
        progress.onEvent(event)
        verbose(event)
        if (!json) lines(event)
      }
    })
    progress.stop()
    const problems = [
      ...summary.trackingFailures.map((f) => `download tracking of ${f.id} failed: ${f.message}`),
      ...(summary.creditsError ? [summary.creditsError] : [])
    ]
    if (json) {
      printJson({
        ...summaryJson(summary),
        tracked: summary.tracked,
        credits: summary.credits ?? null,
        photos: photos.map((p) => ({ id: p.id, photographer: p.photographer.name })),
        problems
      })
    } else {
      for (const problem of problems) console.error(problem)
      if (summary.credits) console.log(`Credits: ${resolve(dir, summary.credits.markdown)}`)
      console.log(`Finished in ${pythonSeconds(summary.elapsedMs)} second(s)`)
    }
    return interrupt.exitCode(summary.ok === summary.tasks.length ? 0 : 1)
  } catch (error) {
    if (!(error instanceof UnsplashError)) throw error
    console.error(`error: ${error.message}`)
    return interrupt.exitCode(1)
  } finally {
    progress.stop()
    interrupt.dispose()
  }
}
