import { mkdir, writeFile } from 'node:fs/promises'
import { enableCompileCache, getCompileCacheDir } from 'node:module'
import { dirname } from 'node:path'
import { loadNow, machineInfo, machineLines } from './machine.ts'
import { parseBenchArgs, USAGE } from './options.ts'
import type { BenchOptions } from './options.ts'
import { curlStartMs, curlStatus } from './peers/curl.ts'
import { pythonStatus } from './peers/python.ts'
import { LEGEND, scenarioReport, targetLines } from './report.ts'
import type { BenchContext } from './scenarios/context.ts'
import { longListScenario } from './scenarios/long-list.ts'
import { manySmallScenario } from './scenarios/many-small.ts'
import { oneLargeScenario } from './scenarios/one-large.ts'
import { processingScenario } from './scenarios/processing.ts'
import { sleepScenario } from './scenarios/sleep-demo.ts'
import { startUpScenario } from './scenarios/start-up.ts'
import { thumbnailsScenario } from './scenarios/thumbnails.ts'
import { tutorialScenario } from './scenarios/tutorial.ts'
import { wholeProcessScenario } from './scenarios/whole-process.ts'
import { TempDirs } from './temp-dirs.ts'
import type { ScenarioResult } from './types.ts'

// As the CLI does (src/cli/index.ts): Node keeps the engine's type-stripped, compiled code on disk,
// and the engine's worker threads use that cache too, so that the bench's threads start as a
// user's CLI run starts them. The bench's own modules, imported above, are compiled before this
// runs; what the engine loads later (the download code, every worker thread) uses the cache.
enableCompileCache()

const SCENARIOS: Record<number, (context: BenchContext) => Promise<ScenarioResult>> = {
  1: tutorialScenario,
  2: manySmallScenario,
  3: oneLargeScenario,
  4: longListScenario,
  5: sleepScenario,
  6: startUpScenario,
  7: wholeProcessScenario,
  8: thumbnailsScenario,
  9: processingScenario
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE)
    return 0
  }
  let options: BenchOptions
  try {
    options = parseBenchArgs(argv)
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    return 2
  }
  const started = performance.now()
  const machine = machineInfo()
  const [curl, python] = await Promise.all([curlStatus(), pythonStatus()])
  const startMs = curl.notRun ? undefined : await curlStartMs()
  const log = (line: string): void => void process.stderr.write(line + '\n')
  const dirs = new TempDirs()
  const removeTemp = (): void => dirs.removeAll()
  process.once('exit', removeTemp)
  // Ctrl-C: scenario 3 may have left a 1 GiB photo in the temp folder.
  process.once('SIGINT', () => {
    removeTemp()
    process.exit(130)
  })
  const context: BenchContext = {
    options,
    machine,
    dirs,
    log,
    curl: { ...curl, startMs },
    python,
    done: new Map()
  }

  const header = [
    ...machineLines(machine),
    `Peers: ${curl.version ?? `curl not run: ${curl.notRun}`}; ` +
      `${python.version ? `${python.version} (${python.interpreter})` : `python not run: ${python.notRun}`}`,
    `Runs: ${options.runs} of each fast contender, ${options.slowRuns} of each slow one` +
      `${options.quick ? ' (--quick: small counts)' : ''}; medians, with min and max.`,
    options.cdn === 'child'
      ? "Simulated CDN: in a child process (--cdn child), so its timers and pacing do not run on the engine's " +
        'event loop and curl and Python meet the same server; on 2 cores it still shares the CPU with the client.'
      : "Simulated CDN: in this process (--cdn in-process): it shares the engine's event loop.",
    `Compile cache: module.enableCompileCache() called, as the CLI does (${getCompileCacheDir() ?? 'not enabled'}): ` +
      "the engine's worker threads load its code from Node's compile cache.",
    ...LEGEND,
    ''
  ]
  console.log(header.join('\n'))

  const results: ScenarioResult[] = []
  for (const id of options.only) {
    const scenario = SCENARIOS[id]
    if (!scenario) continue
    const before = loadNow()
    log(`Scenario ${id}… (load ${before.toFixed(2)})`)
    const result = { ...(await scenario(context)), load: { before, after: loadNow() } }
    context.done.set(id, result)
    results.push(result)
    console.log(scenarioReport(result))
  }

  const elapsedMs = performance.now() - started
  console.log('Summary of targets:')
  for (const result of results) {
    console.log(`Scenario ${result.id}:`)
    console.log(targetLines(result.targets).join('\n'))
  }
  console.log(
    `\nWhole benchmark: ${(elapsedMs / 1000 / 60).toFixed(1)} min; load average at end ${loadNow().toFixed(2)}.`
  )

  await mkdir(dirname(options.out), { recursive: true })
  const json = {
    takenAt: new Date().toISOString(),
    machine,
    peers: { curl: context.curl, python },
    options,
    elapsedMs,
    scenarios: results
  }
  await writeFile(options.out, JSON.stringify(json, null, 2) + '\n')
  console.log(`JSON: ${options.out}`)
  return 0
}

process.exitCode = await main(process.argv.slice(2))
