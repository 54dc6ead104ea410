import { en } from './plural.ts'

/** What every view's run shows: its buttons, progress, timeline, tiles, CPU gauge and notices. */
export const run = {
  cancel: 'Cancel',
  loadingSettings: 'Loading settings…',
  /** What a screen reader hears when a run ends (state/run-outcome.ts). */
  outcome: (what: string, state: string, time: string, parts: string) =>
    `${what} ${state.toLowerCase()} in ${time}: ${parts}.`,
  /** `2.1 MB/s`, `about 12 s left` (state/eta.ts). */
  speed: (bytes: string) => `${bytes}/s`,
  secondsLeft: (seconds: number) => `about ${seconds} s left`,
  minutesLeft: (minutes: number) => `about ${minutes} min left`,
  /** A lane in the words of each strategy (state/lanes.ts). */
  lanes: {
    mainThread: 'main thread',
    lane: (n: number) => `lane ${n}`,
    slot: (n: number) => `slot ${n}`
  },
  progress: {
    /** The run's state pill, by the state run-outcome.ts works out. */
    state: {
      Running: 'Running',
      Finished: 'Finished',
      Cancelled: 'Cancelled',
      'Finished with failures': 'Finished with failures'
    },
    saved: 'saved',
    done: 'done',
    makingPreviews: (done: number, total: number) => `Making previews ${done}/${total}`,
    ofTotal: (total: number, verb: string) => ` of ${total} ${verb}`,
    okWords: (ok: number, total: number, verb: string) => `${ok} of ${total} ${verb}`,
    failed: (n: number) => `${n} failed`,
    cancelled: (n: number) => `${n} cancelled`,
    inFlight: (n: number) => ` · ${n} in flight`,
    elapsed: 'Elapsed',
    elapsedSpoken: 'Elapsed '
  },
  timeline: {
    title: 'Timeline',
    rows: 'Timeline rows',
    rowPerLane: 'Row per lane',
    rowPerTask: (sleep: boolean) => `Row per ${sleep ? 'task' : 'image'}`,
    lesson: {
      sequential: 'One lane: each task starts when the one before it ends.',
      workers: 'One row per lane, each on a worker thread of its own: tasks overlap in time.',
      pool: 'One row per pool slot: requests overlap while they wait.'
    },
    /** A processing run's lanes: what overlaps depends on where the kernel computes. */
    processLesson: {
      sequential: 'One lane: each image is processed when the one before it is saved.',
      workers:
        'One row per lane, each on a worker thread of its own: each thread computes its own image, on its own core.',
      pool: 'One row per pool slot: sharp’s images overlap on libuv’s threads; JavaScript ones take turns on the one thread.'
    },
    /**
     * A download run on worker threads: its lanes share a few threads (at most one a core), as
     * a download waits on its socket. `threads`: how many carried the tasks so far (0: none yet).
     */
    sharedLesson: (threads: number) =>
      `One row per lane; ${threads === 0 ? 'a few worker threads carry' : `${threads} worker ${en(threads, 'thread carries', 'threads carry')}`} them: a download waits on its socket, so one thread carries several at once. A thread of its own is for blocking or computing: the sleep demo and the Process step.`,
    taskRows:
      'One row per task in input order: one after another is a staircase; at once, the bars stack up.',
    threadStart: (time: string) =>
      ` The first ${time}: the threads starting up. The app keeps them a minute for the next run, which starts at once.`,
    label: (lanes: number, tasks: number) =>
      `Timeline of the run: ${lanes} ${en(lanes, 'lane', 'lanes')}, ${tasks} tasks`,
    legend: 'Legend',
    running: 'running',
    done: 'done',
    failed: 'failed',
    cancelled: 'cancelled',
    /** A bar's tooltip: `photo.jpg · lane 2 · 0.10–0.52 s (done)`; `now` while it runs. */
    now: 'now',
    taskRow: (n: number) => `#${n}`
  },
  cpu: {
    title: 'CPU',
    waiting: 'Each core’s load shows here while a run goes.',
    now: (busy: number, cores: number) =>
      `Now: ${busy} of ${cores} ${en(cores, 'core', 'cores')} busy`,
    average: (busy: number, cores: number) =>
      `Average over the last run: ${busy} of ${cores} ${en(cores, 'core', 'cores')} busy`,
    label: (live: boolean, cores: string) =>
      `CPU, ${live ? 'now' : 'average over the last run'}: ${cores}`,
    core: (n: number, percent: string) => `core ${n} ${percent}`,
    noRun: 'CPU: no run yet',
    coreTitle: (n: number) => `Core ${n}`,
    coreName: (n: number) => `core ${n}`
  },
  tiles: {
    all: (n: number) => `All ${n}`,
    failed: (n: number) => `Failed ${n}`,
    show: 'Show',
    gridLabel: (n: number) => `${n} images`,
    open: 'Open',
    openName: (name: string) => `Open ${name}`,
    showInFolder: 'Show in folder',
    copyUrl: 'Copy URL',
    copyFilePath: 'Copy file path',
    retry: 'Retry',
    copied: 'Copied',
    couldNotCopy: 'Could not copy',
    /** The tile's accessible name: its file, its state, and what a click does. */
    mediaLabel: (name: string, status: string, action: 'show' | 'copy' | null) =>
      `${name}: ${status}${action === 'show' ? '. Show in folder' : action === 'copy' ? '. Copy URL' : ''}`,
    savedTitle: (url: string) => `${url}\nClick: show in folder · Double-click: open`,
    failedTitle: (title: string, code: string, message: string, url: string) =>
      `${title} (${code}): ${message}\n${url}\nClick: copy the URL`,
    saved: (bytes: string) => `Saved · ${bytes}`,
    noPreview: 'No preview',
    retrying: (attempt: number, title: string) => `Retry ${attempt} · ${title}`,
    stalled: (speed: string) => `Stalled · ${speed}/s`,
    downloading: (name: string) => `${name} downloading`,
    ofTotal: (total: string) => ` of ${total}`,
    failedFallback: 'Failed',
    cancelled: 'Cancelled',
    queued: 'Queued',
    status: {
      saved: (bytes: string) => `saved, ${bytes}`,
      downloading: (bytes: string, total: string | null) =>
        `downloading, ${bytes}${total ? ` of ${total}` : ''}`,
      failed: (title: string, host: string, message: string) =>
        `failed: ${title} from ${host || 'no host'}, ${message}`,
      failedBare: 'failed: ',
      cancelled: 'cancelled',
      queued: 'queued'
    },
    failedMeta: 'failed'
  },
  offline: {
    title: 'You appear to be offline',
    text: (count: number, total: number, title: string) =>
      `${count} of ${total} images could not reach their server (${title}). The simulated CDN runs inside the app and needs no network.`,
    useSimulated: 'Use the simulated CDN',
    retryFailed: 'Retry failed'
  }
}
