import { UsageError } from './args.ts'
import { compareCommand } from './commands/compare.ts'
import { downloadCommand } from './commands/download.ts'
import { serveCommand } from './commands/serve.ts'
import { sleepCommand } from './commands/sleep.ts'

const USAGE = `Usage: npm run --silent cli -- COMMAND [options]

Commands:
  download [URL...]   download images (default: the tutorial's 15 Unsplash photos)
      --strategy sequential|workers|pool   (default pool)
      --concurrency N                      (default min(32, cpus + 4))
      --out DIR                            (default ./images)
      --urls-file FILE                     one URL a line; blanks and # comments ignored
      --source unsplash|simulated          simulated: an offline CDN on 127.0.0.1
      --count N --size-kb N --latency-ms N --bandwidth-kbps N   (simulated source)
      --json                               one JSON object on stdout
  compare [download options]   the same list with each strategy, then a table
  sleep SECONDS...    the tutorial's do_something(seconds)
      --strategy, --concurrency, --json as above
      --mode timer|block|spin              (default timer)
      --order completed|submitted          as_completed or map (default completed)
  serve [--port N] [--count N] [--size-kb N] [--latency-ms N] [--bandwidth-kbps N]
      run the simulated CDN and print its URLs until stopped

Exit status: 0 all saved, 1 any failed or cancelled, 2 bad usage.`

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  download: downloadCommand,
  compare: compareCommand,
  sleep: sleepCommand,
  serve: serveCommand
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE)
    return name === undefined ? 2 : 0
  }
  const command = COMMANDS[name]
  if (!command) throw new UsageError(`unknown command "${name}"`)
  return command(rest)
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}\n\n${USAGE}`)
      process.exitCode = 2
    } else {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error)
      process.exitCode = 1
    }
  }
)
