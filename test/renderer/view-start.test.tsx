import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { record, taskRecord } from './helpers/events.ts'
import { renderApp } from './helpers/render-app.tsx'

const DIR = '/home/ada/Pictures/Concurrent Image Downloader'
const DOWNLOAD = record({
  runId: 'dl-1',
  kind: 'download',
  dir: DIR,
  ok: 2,
  count: 2,
  tasks: [
    taskRecord({ taskId: 0, file: `${DIR}/a.jpg` }),
    taskRecord({ taskId: 1, file: `${DIR}/b.jpg` })
  ]
})

/** A view's panel, shown or not (a hidden one has no accessible name to find it by). */
const panelOf = (view: 'download' | 'process' | 'sleep') =>
  within(document.getElementById(`panel-${view}`)!)

async function openTab(name: string, history = [DOWNLOAD]) {
  const app = await renderApp({ history })
  await userEvent.click(screen.getByRole('tab', { name }))
  return app
}

describe('a view starts from its button and from the menu’s Run › Start alike', () => {
  it('Process: the menu starts the run the button would, and nothing while a field is wrong', async () => {
    const user = userEvent.setup()
    const { api, menu } = await openTab('Process images')
    const panel = panelOf('process')
    const blur = panel.getByRole('spinbutton', { name: 'Blur (Gaussian radius)' })
    await user.clear(blur)
    expect(panel.getByRole('button', { name: 'Process' })).toBeDisabled()
    expect(panel.getByText('Blur: Enter a number')).toBeInTheDocument()
    act(() => menu('start-run'))
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)))
    expect(api.startProcess).not.toHaveBeenCalled()

    await user.type(blur, '4')
    await waitFor(() =>
      expect(panel.getByRole('button', { name: 'Process 2 images' })).toBeEnabled()
    )
    act(() => menu('start-run'))
    await waitFor(() =>
      expect(api.startProcess).toHaveBeenCalledWith(
        expect.objectContaining({ blur: 4, from: 'dl-1' })
      )
    )
    expect(api.startDownload).not.toHaveBeenCalled()
  })

  it('Sleep: the menu runs the durations typed, and nothing while they cannot be read', async () => {
    const user = userEvent.setup()
    const { api, menu } = await openTab('Sleep demo')
    const panel = panelOf('sleep')
    const sleeps = panel.getByRole('textbox', { name: /sleeps/i })
    await user.clear(sleeps)
    await user.type(sleeps, 'soon')
    act(() => menu('start-run'))
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)))
    expect(api.startSleep).not.toHaveBeenCalled()

    await user.clear(sleeps)
    await user.type(sleeps, '1 2')
    act(() => menu('start-run'))
    await waitFor(() =>
      expect(api.startSleep).toHaveBeenCalledWith(expect.objectContaining({ seconds: [1, 2] }))
    )
  })

  it('main’s refusal shows in the view that asked, and only there', async () => {
    const user = userEvent.setup()
    const { api } = await openTab('Process images')
    vi.mocked(api.startProcess).mockResolvedValueOnce({
      ok: false,
      error: 'A run is already in progress'
    })
    const panel = panelOf('process')
    await user.click(panel.getByRole('button', { name: 'Process 2 images' }))
    expect(await panel.findByRole('alert')).toHaveTextContent('A run is already in progress')
    expect(panelOf('download').queryByRole('alert', { hidden: true })).toBeNull()
    expect(panelOf('sleep').queryByRole('alert', { hidden: true })).toBeNull()
    // The button is the user's again, and a second try clears the refusal.
    await user.click(panel.getByRole('button', { name: 'Process 2 images' }))
    await waitFor(() => expect(panel.queryByRole('alert')).toBeNull())
    expect(api.startProcess).toHaveBeenCalledTimes(2)
  })
})
