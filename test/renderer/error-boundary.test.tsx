import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { ERROR_REPORT_LIMITS } from '../../src/common/schemas.ts'
import { ApiProvider } from '../../src/renderer/src/ApiProvider.tsx'
import { ErrorBoundary } from '../../src/renderer/src/components/ErrorBoundary.tsx'
import { downloadStarted } from './helpers/events.ts'
import { renderApp } from './helpers/render-app.tsx'
import { createTestApi } from './helpers/test-api.ts'

function Broken({ message }: { message: string }): never {
  throw new Error(message)
}

function renderBroken(message: string) {
  const test = createTestApi()
  render(
    <ApiProvider api={test.api}>
      <ErrorBoundary>
        <p>the window</p>
        <Broken message={message} />
      </ErrorBoundary>
    </ApiProvider>
  )
  return test
}

afterEach(() => vi.restoreAllMocks())

describe('ErrorBoundary', () => {
  it('shows the error, its details and Reload instead of a blank window, and logs it', async () => {
    // React reports a caught error on the console as well; keep the test output clean.
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const reload = vi.fn()
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, reload })
    const { api } = renderBroken('Cannot read properties of undefined (reading "lanes")')

    const alert = screen.getByRole('alert')
    expect(within(alert).getByRole('heading')).toHaveTextContent(
      'Something went wrong in the window'
    )
    expect(alert).toHaveTextContent('Cannot read properties of undefined (reading "lanes")')
    expect(screen.queryByText('the window')).toBeNull()
    await userEvent.click(within(alert).getByText('Error details'))
    expect(alert.querySelector('pre')).toHaveTextContent(/at Broken/)

    await userEvent.click(within(alert).getByRole('button', { name: 'Reload' }))
    expect(reload).toHaveBeenCalledTimes(1)

    expect(api.reportError).toHaveBeenCalledTimes(1)
    expect(api.reportError).toHaveBeenCalledWith({
      kind: 'render',
      message: 'Cannot read properties of undefined (reading "lanes")',
      stack: expect.stringMatching(/at Broken[\s\S]*In:[\s\S]*Broken/)
    })
  })

  it('cuts a huge error to what main accepts', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const { api } = renderBroken('x'.repeat(50_000))
    const report = vi.mocked(api.reportError).mock.calls[0]![0]
    expect(report.message).toHaveLength(ERROR_REPORT_LIMITS.message)
    expect(report.stack!.length).toBeLessThanOrEqual(ERROR_REPORT_LIMITS.stack)
  })

  it('sends the page’s uncaught errors and unhandled rejections to the log', () => {
    const test = createTestApi()
    render(
      <ApiProvider api={test.api}>
        <ErrorBoundary>
          <p>fine</p>
        </ErrorBoundary>
      </ApiProvider>
    )
    window.dispatchEvent(new ErrorEvent('error', { error: new TypeError('x is not a function') }))
    const rejection = new Event('unhandledrejection') as PromiseRejectionEvent
    Object.defineProperty(rejection, 'reason', { value: 'the folder is gone' })
    window.dispatchEvent(rejection)
    expect(vi.mocked(test.api.reportError).mock.calls.map(([r]) => [r.kind, r.message])).toEqual([
      ['error', 'x is not a function'],
      ['unhandled-rejection', 'the folder is gone']
    ])
    expect(screen.getByText('fine')).toBeInTheDocument()
  })
})

describe('a window that loads during a run', () => {
  // jsdom has no layout: give the tile grid a size so that it draws its tiles.
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(900)
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600)
  })

  it('draws the run so far from getCurrentRun, then follows its events', async () => {
    const currentRun: RunEvent[] = [
      downloadStarted(3, { startedAt: Date.now() }),
      { type: 'task-started', runId: 'run-1', t: 5, taskId: 0, lane: 0 },
      {
        type: 'task-finished',
        runId: 'run-1',
        t: 90,
        taskId: 0,
        file: '/tmp/images/photo-0.jpg',
        bytes: 1024
      }
    ]
    const { emit } = await renderApp({ currentRun })
    const panel = () => within(screen.getByRole('tabpanel', { name: /^Download images/ }))
    const statuses = () =>
      within(panel().getByRole('list', { name: '3 images' }))
        .getAllByRole('listitem')
        .map((tile) => tile.getAttribute('data-status'))
    await waitFor(() => expect(statuses()).toEqual(['done', 'queued', 'queued']))
    expect(panel().getByRole('button', { name: /^Download/ })).toBeDisabled()

    act(() => emit([{ type: 'task-started', runId: 'run-1', t: 100, taskId: 1, lane: 1 }]))
    expect(statuses()).toEqual(['done', 'running', 'queued'])
  })
})
