/** The 15 photos of Corey Schafer's threading tutorial, in its order. */
export const TUTORIAL_URLS: readonly string[] = [
  'https://images.unsplash.com/photo-1516117172878-fd2c41f4a759',
  'https://images.unsplash.com/photo-1532009324734-20a7a5813719',
  'https://images.unsplash.com/photo-1524429656589-6633a470097c',
  'https://images.unsplash.com/photo-1530224264768-7ff8c1789d79',
  'https://images.unsplash.com/photo-1564135624576-c5c88640f235',
  'https://images.unsplash.com/photo-1541698444083-023c97d3f4b6',
  'https://images.unsplash.com/photo-1522364723953-452d3431c267',
  'https://images.unsplash.com/photo-1513938709626-033611b8cc03',
  'https://images.unsplash.com/photo-1507143550189-fed454f93097',
  'https://images.unsplash.com/photo-1493976040374-85c8e12f0c0e',
  'https://images.unsplash.com/photo-1504198453319-5ce911bafcde',
  'https://images.unsplash.com/photo-1530122037265-a5f1f91d3b99',
  'https://images.unsplash.com/photo-1516972810927-80185027ca84',
  'https://images.unsplash.com/photo-1550439062-609e1531270e',
  'https://images.unsplash.com/photo-1549692520-acc6669e2f0c'
]

export const STRATEGIES = ['sequential', 'workers', 'pool'] as const
export type Strategy = (typeof STRATEGIES)[number]

export const STRATEGY_LABELS: Record<Strategy, { name: string; summary: string }> = {
  sequential: {
    name: 'Sequential',
    summary: 'One task after another on the main thread, like a plain for loop.'
  },
  workers: {
    name: 'Worker threads',
    summary:
      'Reused worker threads, like Python’s ThreadPoolExecutor. A sleep or an image being processed keeps a thread to itself; downloads, which only wait, share one a core. Each is a whole JavaScript engine, slow to start, so they are kept for the next run.'
  },
  pool: {
    name: 'Promise pool (p-limit)',
    summary: 'Up to N requests in flight on one thread; waiting overlaps, computing does not.'
  }
}

/**
 * Where a processing task computes its pixels: `sharp` in libvips on libuv's threads, off the
 * JavaScript thread (like Pillow releasing the GIL); `js` in TypeScript on the thread that calls it
 * (like pure Python under the GIL).
 */
export const PROCESS_KERNELS = ['sharp', 'js'] as const
export type ProcessKernel = (typeof PROCESS_KERNELS)[number]

/** The multiprocessing tutorial's `process-images.py`: GaussianBlur(15), thumbnail((1200, 1200)), into `processed/`. */
export const DEFAULT_PROCESSING = { blur: 15, maxSize: 1200, folderName: 'processed' } as const

export const SLEEP_MODES = ['timer', 'block', 'spin'] as const
export type SleepMode = (typeof SLEEP_MODES)[number]

/** How the sleep demo reads its results: `completed` as as_completed, `submitted` as map (input order). */
export const SLEEP_ORDERS = ['completed', 'submitted'] as const
export type SleepOrder = (typeof SLEEP_ORDERS)[number]

export const SLEEP_MODE_LABELS: Record<SleepMode, string> = {
  timer: 'Timer: await a timer, like waiting on the network (I/O-bound)',
  block: 'Block: Atomics.wait blocks the thread, like time.sleep',
  spin: 'Spin: burn CPU until the time is up (CPU-bound)'
}

/** Python's ThreadPoolExecutor default: min(32, os.cpu_count() + 4). */
export function defaultConcurrency(cpuCount: number): number {
  return Math.min(32, Math.max(1, cpuCount) + 4)
}

export const MAX_CONCURRENCY = 256
/** Worker threads per core a run may start: each is a whole JavaScript engine (src/main/service/runs/run-limits.ts). */
export const WORKER_THREADS_PER_CORE = 4
export const MAX_URLS = 10_000
export const MAX_URL_LENGTH = 8_192

/** What the simulated CDN accepts, from the window, the CLI and a saved history alike. */
export const SIMULATED_LIMITS = {
  count: { min: 1, max: MAX_URLS },
  sizeKB: { min: 1, max: 1024 * 1024 },
  latencyMs: { min: 0, max: 60_000 },
  /** Per-connection KB/s; 0 means unlimited. */
  bandwidthKBps: { min: 0, max: 10_000_000 }
} as const

/**
 * What a run does when a file of the image's name is already in the folder
 * (src/engine/files/finalize.ts): `keep` both (`name (2).jpg`), `skip` when it is
 * the same image, or `replace` it. The app's own earlier file of the same URL, unchanged
 * since, is replaced in place under every policy, so runs into one folder do not pile up copies.
 */
export const EXISTING_POLICIES = ['keep', 'skip', 'replace'] as const
export type ExistingPolicy = (typeof EXISTING_POLICIES)[number]
export const DEFAULT_EXISTING_POLICY: ExistingPolicy = 'keep'

export const EXISTING_POLICY_LABELS: Record<ExistingPolicy, string> = {
  keep: 'Keep both: save the new image as “name (2).jpg”',
  skip: 'Skip an image already in the folder (the same bytes, or unchanged on the server)',
  replace: 'Replace a file of the same name'
}

export interface DownloadLimits {
  /** Largest body accepted, in bytes. */
  maxBytes: number
  connectTimeoutMs: number
  headersTimeoutMs: number
  /** Longest pause between two chunks of a body. */
  bodyTimeoutMs: number
  /** Retries after the first attempt, for transient failures only. */
  maxRetries: number
  retryBaseDelayMs: number
  /** Cap on one wait between attempts, `Retry-After` included. */
  retryMaxDelayMs: number
  maxRedirects: number
  /**
   * The stall guard's floor in bytes a second, averaged over `stallWindowMs`: a body
   * slower than this for a whole window fails as `stalled` (transient). 0 turns it off.
   */
  minBytesPerSecond: number
  stallWindowMs: number
  /** Most connections to one host (origin) at a time; 0 means no cap beyond the concurrency. */
  perHostConnections: number
  proxy: ProxySetting
}

/**
 * Where requests go. Data, not a dispatcher, so that it reaches worker threads:
 * each thread builds its own undici dispatcher from it (engine/net/dispatcher.ts).
 * - `direct`: straight to the server.
 * - `env`: HTTPS_PROXY, HTTP_PROXY and NO_PROXY from the environment (the CLI).
 * - `fixed`: these proxy URLs and bypass list (the app's system proxy); empty means none.
 */
export type ProxySetting =
  | { mode: 'direct' }
  | { mode: 'env' }
  | { mode: 'fixed'; httpProxy: string; httpsProxy: string; noProxy: string }

/** The stall guard as the app's settings hold it, in the units a person reads: KiB/s and seconds. */
export interface StallSetting {
  /** 0 turns the guard off. */
  minSpeedKBps: number
  seconds: number
}

/** The stall guard's limits from its setting. */
export function stallLimits(
  setting: StallSetting
): Pick<DownloadLimits, 'minBytesPerSecond' | 'stallWindowMs'> {
  return { minBytesPerSecond: setting.minSpeedKBps * 1024, stallWindowMs: setting.seconds * 1000 }
}

export const DEFAULT_DOWNLOAD_LIMITS: DownloadLimits = {
  maxBytes: 100 * 1024 * 1024,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  maxRetries: 3,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 10_000,
  maxRedirects: 5,
  // 1 KiB/s over 20 s: a trickling image fails within 4 attempts × 20 s plus 3 waits of at
  // most 10 s, well inside the 150 s the reliability issue asks for.
  minBytesPerSecond: 1024,
  stallWindowMs: 20_000,
  perHostConnections: 0,
  proxy: { mode: 'direct' }
}

export const DEFAULT_STALL_SETTING: StallSetting = {
  minSpeedKBps: DEFAULT_DOWNLOAD_LIMITS.minBytesPerSecond / 1024,
  seconds: DEFAULT_DOWNLOAD_LIMITS.stallWindowMs / 1000
}
