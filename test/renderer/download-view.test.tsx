import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { TUTORIAL_URLS } from '../../src/common/defaults.ts'
import { downloadStarted, record, taskRecord } from './helpers/events.ts'
import { renderApp } from './helpers/render-app.tsx'

const panel = () => within(screen.getByRole('tabpanel', { name: /^Download images/ }))

describe('Download view', () => {
  // jsdom has no layout: give the tile grid a size so that it virtualizes as in a window.
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(900)
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600)
  })
  afterEach(() => vi.restoreAllMocks())

  it('starts a download of the listed URLs with the chosen strategy and size (main owns the folder)', async () => {
    const user = userEvent.setup()
    const { api } = await renderApp()
    await user.click(panel().getByRole('radio', { name: '~1080 px' }))
    await user.click(panel().getByRole('radio', { name: /Promise pool/ }))
    await user.click(panel().getByRole('button', { name: 'Download 15 images' }))
    await waitFor(() => expect(api.startDownload).toHaveBeenCalledTimes(1))
    expect(api.startDownload).toHaveBeenCalledWith({
      strategy: 'pool',
      concurrency: 8,
      source: { kind: 'urls', urls: [...TUTORIAL_URLS], imageSize: '1080' }
    })
    // The settings were saved before the run, in one call.
    expect(api.saveSettings).toHaveBeenCalledWith({ imageSize: '1080', strategy: 'pool' })
  })

  it('sends only the valid lines, and says which were left out', async () => {
    const user = userEvent.setup()
    const { api } = await renderApp({ settings: { urls: ['https://a.example/1.jpg', 'nope'] } })
    expect(panel().getByRole('list', { name: 'Invalid lines' })).toHaveTextContent('Line 2')
    await user.click(panel().getByRole('button', { name: 'Download 1 image' }))
    await waitFor(() =>
      expect(api.startDownload).toHaveBeenCalledWith(
        expect.objectContaining({
          source: { kind: 'urls', urls: ['https://a.example/1.jpg'], imageSize: 'original' }
        })
      )
    )
  })

  it('cannot start without a URL', async () => {
    await renderApp({ settings: { urls: ['# nothing here'] } })
    expect(panel().getByRole('button', { name: 'Download 0 images' })).toBeDisabled()
  })

  it('downloads from the simulated CDN with its controls', async () => {
    const user = userEvent.setup()
    const { api } = await renderApp()
    await user.click(panel().getByRole('radio', { name: 'Simulated CDN (offline)' }))
    const latency = panel().getByRole('spinbutton', { name: 'Latency' })
    await user.clear(latency)
    await user.type(latency, '300')
    await user.click(panel().getByRole('button', { name: 'Download 15 images' }))
    await waitFor(() =>
      expect(api.startDownload).toHaveBeenCalledWith(
        expect.objectContaining({
          source: {
            kind: 'simulated',
            simulated: { count: 15, sizeKB: 3584, latencyMs: 300, bandwidthKBps: 20480 }
          }
        })
      )
    )
  })

  it('saves settings a moment after the user changes them, merged', async () => {
    const user = userEvent.setup()
    const { api } = await renderApp()
    await user.click(panel().getByRole('radio', { name: /Sequential/ }))
    await user.click(panel().getByRole('radio', { name: '~2400 px' }))
    // One call normally; two if a busy machine lets the pause pass between the clicks. Either
    // way only what changed is sent, and together the calls hold both choices.
    await waitFor(
      () => {
        const sent = vi.mocked(api.saveSettings).mock.calls.map(([patch]) => patch)
        expect(Object.assign({}, ...sent)).toEqual({ strategy: 'sequential', imageSize: '2400' })
      },
      { timeout: 10_000 }
    )
    expect(vi.mocked(api.saveSettings).mock.calls.length).toBeLessThanOrEqual(2)
  })

  it('shows the default concurrency as Python computes it, and goes back to it', async () => {
    const user = userEvent.setup()
    const { api } = await renderApp({ settings: { concurrency: 3 } })
    expect(panel().getByText(/Default min\(32, cpus \+ 4\) = 8 \(4 CPUs\)/)).toBeInTheDocument()
    await user.click(panel().getByRole('button', { name: 'Use default (8)' }))
    expect(
      panel().getByRole('spinbutton', { name: 'Concurrency (downloads at once)' })
    ).toHaveValue(8)
    // Downloads share the worker threads: the hint says how many, and no thread cap is claimed.
    expect(panel().getByText(/share one worker thread a core \(4 here\)/)).toBeInTheDocument()
    expect(panel().queryByText(/At most \d+ worker threads here/)).toBeNull()
    await waitFor(() => expect(api.saveSettings).toHaveBeenCalledWith({ concurrency: 8 }), {
      timeout: 2000
    })
  })

  it('refuses a concurrency out of range, and says why', async () => {
    const user = userEvent.setup()
    const { api } = await renderApp()
    const field = panel().getByRole('spinbutton', { name: 'Concurrency (downloads at once)' })
    await user.clear(field)
    await user.type(field, '999')
    expect(field).toHaveAttribute('aria-invalid', 'true')
    expect(panel().getByText('Between 1 and 256')).toBeInTheDocument()
    // Saves go out in order: once a valid value typed after it is saved, 999 never was.
    await user.clear(field)
    await user.type(field, '12')
    await waitFor(() => expect(api.saveSettings).toHaveBeenCalledWith({ concurrency: 12 }), {
      timeout: 10_000
    })
    expect(api.saveSettings).not.toHaveBeenCalledWith({ concurrency: 999 })
  })

  it('draws tiles, progress and the timeline from the events, and cancels', async () => {
    const user = userEvent.setup()
    const { api, emit } = await renderApp()
    const started = downloadStarted(3, {
      strategy: 'workers',
      concurrency: 2,
      startedAt: Date.now()
    })
    const batch: RunEvent[] = [
      started,
      { type: 'task-started', runId: 'run-1', t: 1, taskId: 0, lane: 0 },
      { type: 'task-started', runId: 'run-1', t: 2, taskId: 1, lane: 1 },
      { type: 'task-progress', runId: 'run-1', t: 50, taskId: 1, bytes: 512, total: 1024 },
      {
        type: 'task-finished',
        runId: 'run-1',
        t: 90,
        taskId: 0,
        file: '/pics/photo-0.jpg',
        bytes: 2048
      }
    ]
    act(() => emit(batch))
    const tiles = within(panel().getByRole('list', { name: '3 images' })).getAllByRole('listitem')
    expect(tiles.map((t) => t.getAttribute('data-status'))).toEqual(['done', 'running', 'queued'])
    expect(panel().getByRole('progressbar', { name: '1 of 3 saved' })).toBeInTheDocument()
    expect(
      panel().getByRole('img', { name: /Timeline of the run: 2 lanes, 3 tasks/ })
    ).toBeInTheDocument()
    expect(panel().getByRole('button', { name: /^Download/ })).toBeDisabled()
    expect(screen.getByRole('tab', { name: /^Download images\s*\(running\)$/ })).toBeInTheDocument()
    // One clock while the run goes, the run card's: the timing card keeps to the rates.
    const live = within(panel().getByRole('region', { name: 'Timing' })).getByLabelText(
      'This run so far'
    )
    expect(within(live).queryByText('Elapsed')).not.toBeInTheDocument()
    expect(within(live).getByText('Slowest image')).toBeInTheDocument()
    expect(within(live).getByText('0.09 s')).toBeInTheDocument()

    await user.click(panel().getByRole('button', { name: 'Cancel' }))
    expect(api.cancelRun).toHaveBeenCalled()
    act(() =>
      emit([
        {
          type: 'task-failed',
          runId: 'run-1',
          t: 99,
          taskId: 1,
          code: 'cancelled',
          message: 'Cancelled'
        },
        {
          type: 'task-failed',
          runId: 'run-1',
          t: 99,
          taskId: 2,
          code: 'cancelled',
          message: 'Cancelled'
        },
        {
          type: 'run-finished',
          runId: 'run-1',
          t: 100,
          elapsedMs: 100,
          ok: 1,
          failed: 0,
          cancelled: 2,
          bytes: 2048
        }
      ])
    )
    expect(panel().getByText('Cancelled', { selector: '.status-pill' })).toBeInTheDocument()
    expect(panel().getByText('2 cancelled')).toBeInTheDocument()
    expect(panel().getByRole('button', { name: 'Download 15 images' })).toBeEnabled()
    expect(panel().getByRole('button', { name: 'Cancel' })).toBeDisabled()
  })

  it('shows why main refused to start', async () => {
    const user = userEvent.setup()
    const { api } = await renderApp()
    vi.mocked(api.startDownload).mockResolvedValueOnce({
      ok: false,
      error: 'A run is already in progress'
    })
    await user.click(panel().getByRole('button', { name: 'Download 15 images' }))
    expect(await panel().findByRole('alert')).toHaveTextContent('A run is already in progress')
    expect(panel().getByRole('button', { name: 'Download 15 images' })).toBeEnabled()
  })

  it('changes and opens the folder', async () => {
    const user = userEvent.setup()
    const { api } = await renderApp()
    await user.click(panel().getByRole('button', { name: 'Change…' }))
    expect(await panel().findByTitle('/home/ada/Desktop/photos')).toBeInTheDocument()
    await user.click(panel().getByRole('button', { name: 'Open folder' }))
    expect(api.openFolder).toHaveBeenCalled()
  })

  it('after a run, shows its numbers and its speedup over the last sequential run', async () => {
    const history = [
      record({
        runId: 'seq',
        strategy: 'sequential',
        elapsedMs: 20_000,
        startedAt: 1,
        // Its slowest image is not the ideal shown for the later run.
        tasks: [taskRecord({ startMs: 0, endMs: 4500 })]
      }),
      record({
        runId: 'run-1',
        strategy: 'workers',
        concurrency: 8,
        elapsedMs: 4000,
        ok: 2,
        bytes: 8 * 1024 * 1024,
        startedAt: 2,
        tasks: [
          taskRecord({ startMs: 0, endMs: 1500 }),
          taskRecord({ taskId: 1, startMs: 0, endMs: 3900 })
        ]
      })
    ]
    const { api, emit } = await renderApp({ history })
    act(() =>
      emit([
        downloadStarted(2, { strategy: 'workers', concurrency: 8 }),
        {
          type: 'run-finished',
          runId: 'run-1',
          t: 4000,
          elapsedMs: 4000,
          ok: 2,
          failed: 0,
          cancelled: 0,
          bytes: 8 * 1024 * 1024
        }
      ])
    )
    await waitFor(() => expect(vi.mocked(api.getHistory).mock.calls.length).toBeGreaterThan(1))
    const timing = within(panel().getByRole('region', { name: 'Timing' }))
    expect(await timing.findByText('5.0×')).toBeInTheDocument()
    expect(timing.getByText('vs sequential, 20.0 s')).toBeInTheDocument()
    expect(timing.getByText('0.50')).toBeInTheDocument() // images per second
    expect(timing.getByText('2.00')).toBeInTheDocument() // MB per second
    // The ideal: a lower bound from the run shown's images, in the stat and in the chart alike.
    expect(timing.getByText('3.90 s')).toBeInTheDocument()
    expect(timing.getByText('lower bound')).toBeInTheDocument()
    expect(
      timing.getByRole('img', {
        name: 'Elapsed by strategy: Sequential 20.00 s, Worker threads 4.00 s (× 8), Ideal 3.90 s (a lower bound, for the Worker threads × 8 run)'
      })
    ).toBeInTheDocument()
    expect(
      timing.getByText(/^Ideal of the last run, Worker threads × 8: a lower bound/)
    ).toBeInTheDocument()
    expect(timing.queryByText(/4\.50/)).not.toBeInTheDocument()
  })

  it('starts from the menu’s Run › Start, cancels from the menu and with Escape', async () => {
    const user = userEvent.setup()
    const { api, emit, menu } = await renderApp()
    act(() => menu('start-run'))
    await waitFor(() => expect(api.startDownload).toHaveBeenCalledTimes(1))
    act(() => emit([downloadStarted(1)]))
    act(() => menu('cancel-run'))
    expect(api.cancelRun).toHaveBeenCalledTimes(1)
    await user.keyboard('{Escape}')
    expect(api.cancelRun).toHaveBeenCalledTimes(2)
  })

  it('shows main’s notices once, and lets the user dismiss them', async () => {
    const user = userEvent.setup()
    await renderApp({ notices: ['The settings file was damaged; defaults were restored.'] })
    const notice = await screen.findByRole('status')
    expect(notice).toHaveTextContent('The settings file was damaged')
    await user.click(within(notice).getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByRole('status')).not.toBeInTheDocument()
  })
})
