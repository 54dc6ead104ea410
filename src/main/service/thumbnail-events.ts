/**
 * Proposed for src/common/events.ts (not there yet): a finished download whose
 * thumbnail could not be made. The image itself is saved; only its preview is missing.
 */
export interface TaskThumbnailFailedEvent {
  type: 'task-thumbnail-failed'
  runId: string
  t: number
  taskId: number
  message: string
  ms: number
}
