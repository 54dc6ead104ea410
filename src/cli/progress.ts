import type { RunEvent } from '../common/events.ts'
import { formatBytes } from './format.ts'

/**
 * One line on stderr, redrawn a few times a second, for long runs on a
 * terminal. Silent when stderr is not a TTY.
 */
export function terminalProgress(enabled: boolean): {
  onEvent(event: RunEvent): void
  stop(): void
} {
  if (!enabled || !process.stderr.isTTY) return { onEvent: () => undefined, stop: () => undefined }
  let total = 0
  let done = 0
  let failed = 0
  // Bytes received so far, kept as a sum: each task's own count only while it runs.
  let received = 0
  let anyBytes = false
  const running = new Map<number, number>()
  const started = performance.now()
  const draw = (): void => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    // Processing reports no bytes as it goes: its line counts images only.
    const size = anyBytes ? `${formatBytes(received)}  ` : ''
    process.stderr.write(
      `\r\x1b[2K[${done + failed}/${total}] ${size}${failed ? `${failed} failed  ` : ''}${seconds} s`
    )
  }
  const timer = setInterval(draw, 200)
  timer.unref()
  return {
    onEvent(event) {
      if (event.type === 'run-started') {
        total = event.tasks.length
        received = 0
        anyBytes = false
        running.clear()
      } else if (event.type === 'task-progress') {
        received += event.bytes - (running.get(event.taskId) ?? 0)
        anyBytes = true
        running.set(event.taskId, event.bytes)
      } else if (event.type === 'task-finished') {
        done++
        running.delete(event.taskId)
      } else if (event.type === 'task-failed') {
        failed++
        running.delete(event.taskId)
      }
    },
    stop() {
      clearInterval(timer)
      process.stderr.write('\r\x1b[2K')
    }
  }
}
