import type { DownloadLimits, ExistingPolicy, ProcessKernel, SleepMode } from './defaults.ts'

/** A sleep task's label, on its tile, in the history and in `--json`: `sleep 1.5 s`. */
export function sleepTaskLabel(seconds: number): string {
  return `sleep ${seconds} s`
}

/** Tasks are data, not closures, so that a worker thread can receive them. */
export interface SleepTask {
  kind: 'sleep'
  seconds: number
  mode: SleepMode
}

export interface DownloadTask {
  kind: 'download'
  url: string
  /** Folder to save into; must exist. */
  dir: string
  /** Safe file name inside `dir`, chosen before the run (see engine/file-names.ts). */
  fileName: string
  limits: DownloadLimits
  /** What to do about a file already at the name; `keep` when absent. */
  existing?: ExistingPolicy
  /** The folder as the run found it: a task refuses a folder moved or replaced since. */
  folder?: FolderIdentity
  /** What the folder's manifest says the app last saved from this URL, if anything. */
  previous?: SavedFile
  /** A `.part` file an interrupted run kept: continued with Range + If-Range when it is still ours. */
  resume?: KeptPart
  /** Cancelled: keep a `.part` file that can be resumed, for a later run (the app, when it quits). */
  keepPartOnCancel?: boolean
}

/**
 * A `.part` file kept for a later run, with what makes resuming it safe: the
 * validator If-Range carries (a strong ETag or Last-Modified), the whole size,
 * and the file's device and inode (decimal strings), so that a file put at its
 * name since is never taken for it.
 */
export interface KeptPart {
  /** Its name in the task's folder: `.<name>.<16 hex>.part`. */
  name: string
  validator: string
  total: number | null
  dev: string
  ino: string
  /**
   * Set when the run keeps it: its size and change time (ns) then. A file put at its
   * name since differs in them even when it was given the same inode number.
   */
  bytes?: number
  ctimeNs?: string
}

/** A folder's real path and identity (device and inode, as decimal strings). */
export interface FolderIdentity {
  real: string
  dev: string
  ino: string
}

/** One file the app wrote, as the folder's manifest records it (src/engine/files/manifest.ts). */
export interface SavedFile {
  url: string
  /** Name inside the folder. */
  file: string
  size: number
  /** The type its first bytes show, such as `image/webp`. */
  type: string
  etag?: string
  lastModified?: string
  /** Its modification time once written: a different one means someone changed it since. */
  mtimeMs: number
  /** Epoch milliseconds. */
  savedAt: number
}

/**
 * How an image ended in the folder: `saved` as a new file, `replaced` a file (the
 * app's own earlier one of this URL, or any under the `replace` policy), or
 * `skipped` because the same image was already there (nothing written).
 */
export type SaveOutcome = 'saved' | 'replaced' | 'skipped'

/**
 * The multiprocessing tutorial's step for one photo: open, blur, fit inside a square, save.
 * The kernel says where the pixels are computed (src/engine/process/).
 */
export interface ProcessTask {
  kind: 'process'
  /** Absolute path of the image to read. */
  input: string
  /** Folder to write into; must exist. */
  outDir: string
  /** Safe file name inside `outDir`: the input's own name. */
  fileName: string
  kernel: ProcessKernel
  /** Gaussian blur in Pillow's sense: `GaussianBlur(15)` is a standard deviation of 15 px, at full size. */
  blur: number
  /** The longer side fits within this many pixels (Pillow's `thumbnail((1200, 1200))`); never enlarged. */
  maxSize: number
  /** What to do about a file already at the output name; `keep` when absent. */
  existing?: ExistingPolicy
  /** `outDir` as the run found it: a task refuses a folder moved or replaced since. */
  folder?: FolderIdentity
  /** What `outDir`'s manifest says the app last wrote from this input, if anything. */
  previous?: SavedFile
}

export type Task = SleepTask | DownloadTask | ProcessTask

export interface SleepResult {
  kind: 'sleep'
  seconds: number
  /** The tutorial's line: `Done Sleeping...1`. */
  message: string
}

export interface DownloadResult {
  kind: 'download'
  file: string
  bytes: number
  contentType: string
  attempts: number
  outcome?: SaveOutcome
  /** What the folder's manifest records for the file. */
  saved?: SavedFile
}

export interface ProcessResult {
  kind: 'process'
  /** Absolute path of the file written. */
  file: string
  bytes: number
  width: number
  height: number
  /** The input's size once turned upright by its EXIF orientation. */
  inputWidth: number
  inputHeight: number
  outcome?: SaveOutcome
  /** What `outDir`'s manifest records for the file (its `url` is the input's `file:` URL). */
  saved?: SavedFile
}

export type TaskResult<T extends Task = Task> = T extends SleepTask
  ? SleepResult
  : T extends DownloadTask
    ? DownloadResult
    : T extends ProcessTask
      ? ProcessResult
      : never
