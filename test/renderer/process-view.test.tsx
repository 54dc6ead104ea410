import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { speedupOverSequential } from '../../src/renderer/src/state/stats.ts'
import { record, taskRecord } from './helpers/events.ts'
import { renderApp } from './helpers/render-app.tsx'

const DOWNLOAD = record({
  runId: 'dl-1',
  kind: 'download',
  strategy: 'pool',
  concurrency: 4,
  dir: '/home/ada/Pictures/Concurrent Image Downloader',
  ok: 2,
  count: 2,
  tasks: [
    taskRecord({ taskId: 0, file: '/home/ada/Pictures/Concurrent Image Downloader/a.jpg' }),
    taskRecord({ taskId: 1, file: '/home/ada/Pictures/Concurrent Image Downloader/b.jpg' })
  ]
})

const t = (ms: number) => ({ runId: 'p-1', t: ms })

const processRun = (): RunEvent[] => [
  {
    type: 'run-started',
    ...t(0),
    kind: 'process',
    strategy: 'pool',
    concurrency: 4,
    startedAt: 1000,
    kernel: 'js',
    blur: 15,
    maxSize: 1200,
    tasks: ['a.jpg', 'b.jpg'].map((name, taskId) => ({
      taskId,
      label: name,
      fileName: name,
      input: `/home/ada/Pictures/Concurrent Image Downloader/${name}`
    }))
  },
  { type: 'task-started', ...t(1), taskId: 0, lane: 0 },
  { type: 'task-started', ...t(1), taskId: 1, lane: 1 },
  { type: 'cpu-sample', ...t(250), cores: [1, 0.1, 0.05, 0] }
]

async function openProcess(history = [DOWNLOAD]) {
  const app = await renderApp({ history })
  await userEvent.click(screen.getByRole('tab', { name: 'Process images' }))
  const panel = within(screen.getByRole('tabpanel', { name: /^Process images/ }))
  return { ...app, panel }
}

describe('Process images', () => {
  it('says what to do before any download, and cannot start', async () => {
    const { panel } = await openProcess([])
    expect(panel.getByText(/Download some images first/)).toBeInTheDocument()
    expect(panel.getByRole('button', { name: 'Process' })).toBeDisabled()
  })

  it('processes the last download by naming its run, never a folder', async () => {
    const user = userEvent.setup()
    const { api, panel } = await openProcess()
    await user.click(panel.getByRole('radio', { name: /^sharp/ }))
    await user.click(panel.getByRole('button', { name: 'Process 2 images' }))
    await waitFor(() =>
      expect(api.startProcess).toHaveBeenCalledWith({
        strategy: 'workers',
        concurrency: 4,
        kernel: 'sharp',
        blur: 15,
        maxSize: 1200,
        from: 'dl-1'
      })
    )
  })

  it('offers processing’s own default concurrency, and says the CLI’s is one per core', async () => {
    const user = userEvent.setup()
    const { panel } = await openProcess()
    const field = panel.getByRole('spinbutton', { name: 'Concurrency (worker threads)' })
    expect(field).toHaveValue(4)
    expect(
      panel.getByText(
        /^Default 4 in this window; the CLI’s process uses one per core \(4 CPUs\), as ProcessPoolExecutor\(\) does\./
      )
    ).toBeInTheDocument()
    // The thread pool's default (8 here) is the download's and the sleep demo's, not this view's.
    expect(panel.queryByText(/min\(32, cpus \+ 4\)/)).toBeNull()
    expect(panel.queryByRole('button', { name: /^Use default/ })).toBeNull()
    await user.clear(field)
    await user.type(field, '6')
    await user.click(panel.getByRole('button', { name: 'Use default (4)' }))
    expect(field).toHaveValue(4)
  })

  it('counts a pipeline’s saved images, not its processed ones', async () => {
    const dir = '/home/ada/Pictures/Concurrent Image Downloader'
    const pipeline = record({
      runId: 'pipe-1',
      kind: 'pipeline',
      dir,
      ok: 4,
      count: 4,
      startedAt: 5,
      tasks: [
        taskRecord({ taskId: 0, file: `${dir}/a.jpg` }),
        taskRecord({ taskId: 1, file: `${dir}/b.jpg` }),
        taskRecord({ taskId: 2, file: `${dir}/processed/a.jpg` }),
        taskRecord({ taskId: 3, file: `${dir}/processed/b.jpg` })
      ]
    })
    const { panel } = await openProcess([DOWNLOAD, pipeline])
    expect(panel.getByRole('button', { name: 'Process 2 images' })).toBeEnabled()
    expect(panel.getByText(/^The 2 images the last download saved/)).toBeInTheDocument()
  })

  it('draws one bar per core, before and after as each image finishes, and one line of why', async () => {
    const { emit, panel } = await openProcess()
    act(() => emit(processRun()))
    expect(
      panel.getByRole('img', { name: /^CPU, now: core 1 100%, core 2 10%, core 3 5%, core 4 0%$/ })
    ).toBeInTheDocument()
    expect(panel.getByText('Now: 1 of 4 cores busy')).toBeInTheDocument()

    act(() =>
      emit([
        {
          type: 'task-thumbnail',
          ...t(2),
          taskId: 0,
          of: 'input',
          url: 'thumb://t/dl-1/0.jpg',
          width: 320,
          height: 213,
          ms: 1
        },
        {
          type: 'task-finished',
          ...t(400),
          taskId: 0,
          file: '/x/processed/a.jpg',
          bytes: 10,
          width: 1200,
          height: 800
        },
        {
          type: 'task-thumbnail',
          ...t(420),
          taskId: 0,
          url: 'thumb://t/p-1/0.jpg',
          width: 320,
          height: 213,
          ms: 1
        }
      ])
    )
    expect(panel.getByRole('img', { name: 'a.jpg, before' })).toHaveAttribute(
      'src',
      'thumb://t/dl-1/0.jpg'
    )
    expect(panel.getByRole('img', { name: 'a.jpg, after' })).toHaveAttribute(
      'src',
      'thumb://t/p-1/0.jpg'
    )
    expect(panel.getByText('1200 × 800')).toBeInTheDocument()
    expect(panel.queryByRole('img', { name: 'b.jpg, after' })).toBeNull()

    act(() =>
      emit([
        {
          type: 'task-finished',
          ...t(800),
          taskId: 1,
          file: '/x/processed/b.jpg',
          bytes: 10,
          width: 1200,
          height: 800
        },
        {
          type: 'run-finished',
          ...t(801),
          elapsedMs: 801,
          ok: 2,
          failed: 0,
          cancelled: 0,
          bytes: 20
        }
      ])
    )
    expect(
      panel.getByText(
        /^js on a promise pool: one core busy — JavaScript computing does not overlap/
      )
    ).toBeInTheDocument()
    // Once the run ends, the gauge keeps its average over the run: the lesson stays on screen.
    expect(panel.getByText('Average over the last run: 1 of 4 cores busy')).toBeInTheDocument()
  })
})

describe('processing runs compared', () => {
  it('measures a speedup against sequential of the same kernel only', () => {
    const of = (
      runId: string,
      kernel: 'js' | 'sharp',
      strategy: 'sequential' | 'pool',
      ms: number
    ) =>
      record({
        runId,
        kind: 'process',
        kernel,
        strategy,
        sourceKey: 'p',
        elapsedMs: ms,
        startedAt: ms
      })
    const history = [
      of('js-seq', 'js', 'sequential', 8000),
      of('sharp-seq', 'sharp', 'sequential', 2000)
    ]
    expect(speedupOverSequential(history, of('sharp-pool', 'sharp', 'pool', 1000))).toBe(2)
    expect(speedupOverSequential(history, of('js-pool', 'js', 'pool', 8000))).toBe(1)
  })

  it('lists pipelines in the download side’s history, with their kernel', async () => {
    await renderApp({
      history: [
        record({ runId: 'pipe', kind: 'pipeline', kernel: 'sharp', sourceLabel: 'sim → blur 15' })
      ]
    })
    const panel = within(screen.getByRole('tabpanel', { name: /^Download images/ }))
    expect(panel.getByText('sim → blur 15')).toBeInTheDocument()
    expect(panel.getByText('· sharp')).toBeInTheDocument()
  })
})
