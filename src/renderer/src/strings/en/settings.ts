import { en } from './plural.ts'

/** The download view's settings column: source, strategy, concurrency, stall guard, folder. */
export const settings = {
  downloadSettings: 'Download settings',
  how: 'How',
  folder: 'Folder',
  existingLegend: 'A file already there with the image’s name',
  strategy: 'Strategy',
  /** Where the full name does not fit (the chart's axis): the promise pool's is the long one. */
  poolShort: 'Pool (p-limit)',
  source: {
    title: 'Source',
    legend: 'Where the images come from',
    urlsTitle: 'Unsplash / your list',
    urlsSummary: 'The URLs below, downloaded over the network.',
    simulatedTitle: 'Simulated CDN (offline)',
    simulatedSummary:
      'A loopback image server inside the app: no network needed, the same numbers every time.',
    unsplashTitle: 'From Unsplash',
    unsplashSummary:
      'Search and pick photos with your own key; each one credited to its photographer.',
    unsplashSizeNote:
      'Originals are 3–10 MB each; the smaller sizes come through Unsplash’s own w and q parameters.',
    sizeLegend: 'Size for images.unsplash.com',
    sizeOriginal: 'Original',
    sizeAbout: (px: string) => `~${px} px`,
    noUnsplashUrls: 'No images.unsplash.com URLs in the list: they download as they are.',
    sizeHint: (unsplash: number, total: number) =>
      `Originals are 3–10 MB each. Applies to ${unsplash === total ? 'all' : `${unsplash} of`} ${total} URLs, through Unsplash’s own w and q parameters.`
  },
  simulated: {
    title: 'Simulated CDN',
    images: 'Images',
    sizeEach: 'Size each',
    latency: 'Latency',
    latencyHint: 'Before the first byte',
    bandwidth: 'Bandwidth',
    bandwidthHint: 'Per connection; 0 = unlimited',
    realPhotos: (width: number, height: number) => `Real-size photos (${width} × ${height} px)`,
    realPhotosNote: 'As Unsplash’s originals, so that the Process step has real work to do.'
  },
  urls: {
    label: 'Image URLs, one a line',
    importTxt: 'Import .txt…',
    tutorial: 'Tutorial’s 15',
    placeholder: 'https://images.unsplash.com/photo-…',
    count: (n: number) => `${n} ${en(n, 'URL', 'URLs')}`,
    toDownload: ' to download',
    invalid: (n: number) => ` · ${n} invalid ${en(n, 'line', 'lines')} (skipped)`,
    repeats: (n: number) => ` · ${n} ${en(n, 'repeat', 'repeats')} kept once`,
    invalidLines: 'Invalid lines',
    selectLine: 'Select this line in the list',
    line: (n: number) => `Line ${n}`,
    showFewer: 'Show fewer',
    andMore: (n: number) => `and ${n} more`,
    removeInvalid: (n: number) => `Remove ${n} invalid ${en(n, 'line', 'lines')}`
  },
  concurrency: {
    label: 'Concurrency',
    workersLabel: 'Concurrency (worker threads)',
    sharedWorkersLabel: 'Concurrency (downloads at once)',
    poolLabel: 'Concurrency (pool size)',
    sequentialHint: 'Sequential runs one task at a time.',
    defaultHint: (concurrency: number, cpus: number) =>
      `Default min(32, cpus + 4) = ${concurrency} (${cpus} CPUs), Python’s ThreadPoolExecutor default.`,
    defaultHintNoInfo: 'Default min(32, cpus + 4), Python’s ThreadPoolExecutor default.',
    threadCap: (threads: number, perCore: number) =>
      ` At most ${threads} worker threads here (${perCore} per core).`,
    sharedThreads: (cores: number) =>
      ` A download waits on its socket, so they share one worker thread a core (${cores} here).`,
    useDefault: (concurrency: number) => `Use default (${concurrency})`
  },
  stall: {
    legend: 'Stalled downloads',
    slowest: 'Slowest speed',
    off: 'Off: a slow image is never given up on.',
    hint: (seconds: number) =>
      `An image slower than this over ${seconds} s shows “Stalled”, then fails and is retried. 0 turns it off.`,
    measuredOver: 'Measured over'
  },
  number: {
    enterNumber: 'Enter a number',
    wholeNumber: 'Enter a whole number',
    between: (min: number, max: number) => `Between ${min} and ${max}`
  },
  folderBar: {
    saveTo: 'Save to',
    change: 'Change…',
    open: 'Open folder'
  }
}
