import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { StageTimelines } from '../../src/renderer/src/components/StageTimelines.tsx'
import { initialRunsState, runsReducer } from '../../src/renderer/src/state/run-state.ts'
import { downloadStarted } from './helpers/events.ts'

describe("a pipeline's timeline", () => {
  it('draws each stage with its own strategy: pool slots for the downloads, lanes of threads for processing', () => {
    const started = downloadStarted(0, {
      kind: 'pipeline',
      strategy: 'pool',
      concurrency: 2,
      kernel: 'js',
      processStrategy: 'workers',
      tasks: [
        { taskId: 0, label: 'https://images.example/a', fileName: 'a.jpg', stage: 'download' },
        { taskId: 1, label: 'https://images.example/b', fileName: 'b.jpg', stage: 'download' },
        { taskId: 2, label: 'a.jpg', fileName: 'a.jpg', stage: 'process' },
        { taskId: 3, label: 'b.jpg', fileName: 'b.jpg', stage: 'process' }
      ]
    })
    const batch: RunEvent[] = [
      started,
      ...[0, 1, 2, 3].map((taskId): RunEvent => ({
        type: 'task-started',
        runId: started.runId,
        t: 5 + taskId,
        taskId,
        lane: taskId % 2,
        ...(taskId >= 2 ? { thread: taskId - 2 } : {})
      }))
    ]
    const run = runsReducer(initialRunsState, { type: 'events', batch }).pipeline
    if (!run) throw new Error('no run')
    const { container } = render(<StageTimelines run={run} />)
    const stage = (name: string): Element | null =>
      container.querySelector(`[data-stage="${name}"] .timeline`)
    expect(stage('download')?.className).toMatch(/strategy-pool/)
    expect(stage('process')?.className).toMatch(/strategy-workers/)
    expect(container.querySelector('[data-stage="download"]')?.textContent).toMatch(/slot 1/)
    expect(container.querySelector('[data-stage="process"]')?.textContent).toMatch(/lane 1/)
  })
})
