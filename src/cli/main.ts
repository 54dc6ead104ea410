import { commandHelp } from './help.ts'
import { UsageError } from './usage-error.ts'

const USAGE = `Usage: concurrent-image-downloader COMMAND [options]

Commands:
  download [URL...]   download images (default: the tutorial's 15 Unsplash photos)
      --strategy sequential|workers|pool   (default pool)
      --concurrency N                      (default min(32, cpus + 4))
      --out DIR                            (default ./images)
      --existing keep|skip|replace         a file already at an image's name: keep both
                                           (name (2).jpg), skip the same image, or replace it
                                           (default keep)
      --urls-file FILE                     one URL a line; blanks and # comments ignored
      --source unsplash|simulated          simulated: an offline CDN on 127.0.0.1
      --count N --size-kb N --latency-ms N --bandwidth-kbps N   (simulated source)
      --photo-pixels WxH                   simulated photos of that size in pixels, such as
                                           2400x1600 as Unsplash's originals (default 640x427)
      --json                               one JSON object on stdout
      --verbose, -v                        each retry, lane and time, on stderr
      --min-speed-kbps N --stall-seconds N  an image slower than N KiB/s over that many
                                           seconds fails as stalled (default 1 and 20; 0 KiB/s: off)
      --per-host N                         at most N connections to one host (default: no cap)
      HTTPS_PROXY, HTTP_PROXY, NO_PROXY    are honoured, as by curl
      --process                            process each image as soon as it is saved (a
                                           pipeline), into OUT/processed; with --kernel,
                                           --blur and --max-size as for process
      --process-strategy S --process-concurrency N   the processing stage's (default the download's)
      --unsplash QUERY                     search Unsplash with your key (as search, with its
                                           --count, --orientation, --color, --order and
                                           --collection), download, tell Unsplash of each
                                           saved photo, and write CREDITS.md and credits.json
  process [--in DIR] [--out DIR] [--kernel sharp|js] [--strategy S] [--concurrency N] [--blur 15] [--max-size 1200] [--json]
      the multiprocessing tutorial: blur each image of a folder and shrink it to fit a square
      --in DIR                             the images (default ./images, where download saves)
      --out DIR                            (default DIR/processed, beside the originals)
      --kernel sharp|js                    sharp: libvips on libuv's threads, off the JavaScript
                                           thread, as Pillow releasing the GIL; js: TypeScript on
                                           the thread that runs it, as pure Python (default sharp)
      --strategy sequential|workers|pool   (default pool)
      --concurrency N                      (default the cores, as ProcessPoolExecutor())
      --blur N                             Gaussian blur radius in px, as Pillow's (default 15)
      --max-size N                         fit inside N × N px, keeping the shape (default 1200)
      --json --verbose                     as for download
  compare [download options]   the same list with each strategy, then a table
      --process [process options]          instead: each strategy × kernel over one folder,
                                           with each time against the kernel's sequential
      --pipeline [download options]        instead: download then process (two runs), against
                                           the pipeline (each image processed once saved)
  search QUERY [--count N] [--orientation landscape|portrait|squarish] [--collection ID] [--json]
      photos from Unsplash with your own key (UNSPLASH_ACCESS_KEY; UNSPLASH_API_URL sets the
      API origin): one download URL a line, or with --json each photo's id, URL, photographer
      and download location
      --count N                            1 to 30, one request's worth (default 10)
      --color C --order relevant|latest    as Unsplash's search takes them
      --collection ID                      a collection's photos instead of a search
  sleep SECONDS...    the tutorial's do_something(seconds)
      --strategy sequential|workers|pool   (default pool)
      --concurrency N                      (default min(32, cpus + 4))
      --json --verbose                     as for download
      --mode timer|block|spin              (default timer)
      --order completed|submitted          as_completed or map (default completed)
  serve [--port N] [--count N] [--size-kb N] [--latency-ms N] [--bandwidth-kbps N] [--photo-pixels WxH]
      run the simulated CDN and print its URLs until stopped

Options: --help, -h (also COMMAND --help) prints help; --version prints the version.
Exit status: 0 every image saved (and processed), 1 any failed or cancelled, 2 bad usage,
130 stopped by Ctrl-C (the run cancelled: finished images stay, partial ones are removed).`

type Command = (argv: string[]) => Promise<number>

// Each command loads its own code when it runs: --help and sleep load neither undici
// nor sharp, and only the simulated source loads sharp (to make its photos).
const COMMANDS: Record<string, () => Promise<Command>> = {
  download: async () => (await import('./commands/download.ts')).downloadCommand,
  compare: async () => (await import('./commands/compare.ts')).compareCommand,
  sleep: async () => (await import('./commands/sleep.ts')).sleepCommand,
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  process: async () => (await import('./commands/process.ts')).processCommand,
  search: async () => (await import('./commands/search.ts')).searchCommand
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined) throw new UsageError('give a command')
  if (name === '--version' || name === '-V' || name === 'version') {
    const { default: pkg } = await import('../../package.json', { with: { type: 'json' } })
    console.log(pkg.version)
    return 0
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    const help = rest[0] === undefined ? USAGE : commandHelp(USAGE, rest[0])
    if (help === undefined) throw new UsageError(`unknown command "${rest[0]}"`)
    console.log(help)
    return 0
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (!load) throw new UsageError(`unknown command "${name}"`)
  // Help is answered before the command parses: its strict parser knows no --help.
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest
  if (options.includes('--help') || options.includes('-h')) {
    console.log(commandHelp(USAGE, name))
    return 0
  }
  return (await load())(rest)
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      // Bad usage goes to stderr, with the help of the command it was for.
      console.error(
        `error: ${error.message}\n\n${commandHelp(USAGE, process.argv[2] ?? '') ?? USAGE}`
      )
      process.exitCode = 2
    } else {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error)
      process.exitCode = 1
    }
  }
)
