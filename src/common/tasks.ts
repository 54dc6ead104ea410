import type { DownloadLimits, SleepMode } from './defaults.ts'

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
}

export type Task = SleepTask | DownloadTask

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
}

export type TaskResult<T extends Task = Task> = T extends SleepTask
  ? SleepResult
  : T extends DownloadTask
    ? DownloadResult
    : never
