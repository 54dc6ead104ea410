/**
 * The progress line a terminal shows during a long run (src/cli/progress.ts): images done of all,
 * bytes received so far, failures, seconds. Driven by the run's own event shapes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { terminalProgress } from '../../src/cli/progress.ts'
import { formatBytes } from '../../src/cli/format.ts'
import type { RunEvent } from '../../src/common/events.ts'

const stamp = { runId: 'run', t: 0 }

function started(count: number): RunEvent {
  return {
    ...stamp,
    type: 'run-started',
    kind: 'download',
    strategy: 'pool',
    concurrency: 4,
    startedAt: 0,
    tasks: Array.from({ length: count }, (_, taskId) => ({ taskId, label: `u${taskId}` }))
  }
}

const progress = (taskId: number, bytes: number): RunEvent => ({
  ...stamp,
  type: 'task-progress',
  taskId,
  bytes,
  total: 10_000
})

let written: string[]
const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY')

beforeEach(() => {
  vi.useFakeTimers()
  written = []
  Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true })
  vi.spyOn(process.stderr, 'write').mockImplementation((text) => (written.push(String(text)), true))
})

afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
  if (tty) Object.defineProperty(process.stderr, 'isTTY', tty)
  else delete (process.stderr as { isTTY?: boolean }).isTTY
})

/** The line as last drawn. */
function line(): string {
  vi.advanceTimersByTime(200)
  return (written.at(-1) ?? '').replace('\r\x1b[2K', '')
}

describe('the progress line', () => {
  it('counts images done of all and every byte received, each task counted once as it grows', () => {
    const bar = terminalProgress(true)
    bar.onEvent(started(3))
    bar.onEvent(progress(0, 1000))
    bar.onEvent(progress(0, 3000))
    bar.onEvent(progress(1, 2000))
    expect(line()).toMatch(new RegExp(`^\\[0/3\\] ${formatBytes(5000)}  0\\.\\d s$`))
    bar.onEvent({ ...stamp, type: 'task-finished', taskId: 0, file: 'a.jpg', bytes: 3000 })
    bar.onEvent({
      ...stamp,
      type: 'task-failed',
      taskId: 1,
      code: 'http_404',
      message: 'Not Found'
    })
    // A failed image's bytes were received all the same.
    expect(line()).toMatch(new RegExp(`^\\[2/3\\] ${formatBytes(5000)}  1 failed  0\\.\\d s$`))
    bar.stop()
  })

  it('a processing run, which reports no bytes, counts images only; a new run starts from zero', () => {
    const bar = terminalProgress(true)
    bar.onEvent(started(2))
    bar.onEvent(progress(0, 4000))
    bar.onEvent(started(2))
    bar.onEvent({ ...stamp, type: 'task-finished', taskId: 0, file: 'a.jpg' })
    expect(line()).toMatch(/^\[1\/2\] 0\.\d s$/)
    bar.stop()
  })
})
