import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { record, taskRecord } from './helpers/events.ts'
import { renderApp } from './helpers/render-app.tsx'

const panel = () => within(screen.getByRole('tabpanel', { name: /^Download images/ }))

const interrupted = record({
  runId: 'quit-run',
  strategy: 'pool',
  concurrency: 4,
  count: 3,
  ok: 1,
  cancelled: 2,
  interrupted: true,
  startedAt: Date.UTC(2026, 10, 28, 9, 30),
  tasks: [
    taskRecord({ taskId: 0, status: 'done' }),
    taskRecord({ taskId: 1, status: 'cancelled', label: 'https://images.example/photo-1' }),
    taskRecord({ taskId: 2, status: 'cancelled', label: 'https://images.example/photo-2' })
  ]
})

describe('Resume in the download history', () => {
  it('offers Resume on an interrupted download with images left, and sends only its run id', async () => {
    const user = userEvent.setup()
    const finished = record({ runId: 'done-run', startedAt: Date.UTC(2026, 10, 28, 9, 0) })
    const { api } = await renderApp({ history: [interrupted, finished] })
    const resume = await panel().findByRole('button', { name: /^Resume .*: 2 images left$/ })
    expect(panel().getByText(/The app quit during this run: 2 images left/)).toBeVisible()
    // Only the interrupted run has one.
    expect(panel().getAllByRole('button', { name: /^Resume/ })).toHaveLength(1)
    await user.click(resume)
    await waitFor(() => expect(api.resumeRun).toHaveBeenCalledWith('quit-run'))
  })

  it('has no Resume once the run was resumed, nor for an interrupted run with nothing left', async () => {
    const resumed = { ...interrupted, resumedBy: 'later-run' }
    const nothingLeft = record({
      runId: 'all-done',
      interrupted: true,
      tasks: [taskRecord({ status: 'done' })]
    })
    await renderApp({ history: [resumed, nothingLeft] })
    await panel().findByText(/interrupted, resumed/)
    expect(panel().queryByRole('button', { name: /^Resume/ })).toBeNull()
  })

  it('says why when main refuses', async () => {
    const user = userEvent.setup()
    const { api } = await renderApp({ history: [interrupted] })
    vi.mocked(api.resumeRun).mockResolvedValueOnce({
      ok: false,
      error: 'This run cannot be resumed'
    })
    await user.click(await panel().findByRole('button', { name: /^Resume/ }))
    expect(await screen.findByText('This run cannot be resumed')).toBeVisible()
  })
})
