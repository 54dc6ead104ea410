import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { UnsplashPhotoView, UnsplashStatus } from '../../src/common/unsplash.ts'
import { Tile } from '../../src/renderer/src/components/Tile.tsx'
import { initialRunsState, runsReducer } from '../../src/renderer/src/state/run-state.ts'
import { downloadStarted } from './helpers/events.ts'
import { renderApp } from './helpers/render-app.tsx'

const panel = () => within(screen.getByRole('tabpanel', { name: /^Download images/ }))

const saved: UnsplashStatus = {
  key: 'saved',
  canSaveKey: true,
  apiUrl: 'https://api.unsplash.com',
  rateLimit: { limit: 50, remaining: 47 }
}

const photo = (i: number): UnsplashPhotoView => ({
  id: `photo${i}`,
  thumbUrl: `https://images.unsplash.com/photo-${i}?w=200`,
  width: 2400,
  height: 1600,
  description: `a mountain ${i}`,
  credit: `Photo by Person ${i} on Unsplash`,
  photographer: `Person ${i}`,
  profileUrl: `https://unsplash.com/@p${i}?utm_source=concurrent_image_downloader&utm_medium=referral`,
  pageUrl: `https://unsplash.com/photos/photo${i}?utm_source=concurrent_image_downloader&utm_medium=referral`
})

/** The window with a key saved, switched to From Unsplash. */
async function withKey() {
  const test = await renderApp()
  vi.mocked(test.api.getUnsplashStatus).mockResolvedValue(saved)
  await userEvent.click(panel().getByRole('radio', { name: 'From Unsplash' }))
  await panel().findByText(/Your key is saved, encrypted/)
  return test
}

describe('From Unsplash in the window', () => {
  it('sends only the filters set, and a collection only its orientation', async () => {
    const { api } = await withKey()
    const user = userEvent.setup()
    const search = () => user.click(panel().getByRole('button', { name: /^Search$/ }))
    const sent = () => vi.mocked(api.searchUnsplash).mock.calls.at(-1)![0]
    await user.type(panel().getByRole('textbox', { name: 'Search for' }), 'fog')
    await user.selectOptions(panel().getByLabelText('Orientation'), 'portrait')
    await user.selectOptions(panel().getByLabelText('Colour'), 'black_and_white')
    await user.selectOptions(panel().getByLabelText('Order'), 'latest')
    await search()
    expect(sent()).toStrictEqual({
      query: 'fog',
      orientation: 'portrait',
      color: 'black_and_white',
      orderBy: 'latest'
    })
    // "any" again: the filter is not sent at all.
    await user.selectOptions(panel().getByLabelText('Colour'), '')
    await search()
    expect(sent()).toStrictEqual({ query: 'fog', orientation: 'portrait', orderBy: 'latest' })

    await user.click(panel().getByRole('radio', { name: 'Collection' }))
    expect(panel().queryByLabelText('Order')).toBeNull()
    await user.clear(panel().getByRole('textbox', { name: 'Collection id' }))
    await user.type(panel().getByRole('textbox', { name: 'Collection id' }), '3178572')
    await search()
    expect(sent()).toStrictEqual({ collection: '3178572', orientation: 'portrait' })
  })

  it('searches, picks two, and starts a run that names the photos by id only', async () => {
    const { api } = await withKey()
    vi.mocked(api.searchUnsplash).mockResolvedValue({
      ok: true,
      value: {
        photos: [0, 1, 2, 3].map(photo),
        page: 1,
        totalPages: 1,
        total: 4,
        rateLimit: { limit: 50, remaining: 46 }
      }
    })
    await userEvent.type(panel().getByRole('textbox', { name: 'Search for' }), 'mountains')
    await userEvent.selectOptions(panel().getByLabelText('Colour'), 'blue')
    await userEvent.click(panel().getByRole('button', { name: /^Search$/ }))
    expect(api.searchUnsplash).toHaveBeenCalledWith({ query: 'mountains', color: 'blue' })

    const grid = within(await panel().findByRole('list', { name: 'Unsplash photos' }))
    expect(grid.getAllByRole('img').map((img) => img.getAttribute('src'))).toEqual(
      [0, 1, 2, 3].map((i) => photo(i).thumbUrl)
    )
    expect(panel().getByText(/46 of 50 requests left this hour/)).toBeTruthy()
    const boxes = grid.getAllByRole('checkbox')
    await userEvent.click(boxes[1]!)
    await userEvent.click(boxes[3]!)
    await userEvent.click(panel().getByRole('button', { name: 'Use these (2)' }))
    await userEvent.click(grid.getByRole('button', { name: 'Person 3' }))
    expect(api.openUnsplashLink).toHaveBeenCalledWith({ photoId: 'photo3', which: 'photographer' })

    await userEvent.click(panel().getByRole('button', { name: 'Download 2 images' }))
    await waitFor(() => expect(api.startDownload).toHaveBeenCalled())
    expect(vi.mocked(api.startDownload).mock.calls[0]![0]).toEqual({
      strategy: 'workers',
      concurrency: 8,
      source: { kind: 'unsplash', photoIds: ['photo1', 'photo3'], imageSize: 'original' }
    })
  })

  it('shows a refused search’s message: when to try again', async () => {
    const { api } = await withKey()
    const error = 'Unsplash: Rate Limit Exceeded (429): try again after 10:42'
    vi.mocked(api.searchUnsplash).mockResolvedValue({ ok: false, error })
    await userEvent.type(panel().getByRole('textbox', { name: 'Search for' }), 'sea{Enter}')
    expect((await panel().findByRole('alert')).textContent).toBe(error)
  })

  it('without a key, asks for it in a password field, and does not keep what was typed', async () => {
    const { api } = await renderApp()
    vi.mocked(api.setUnsplashKey).mockResolvedValue({ ok: true, value: saved })
    await userEvent.click(panel().getByRole('radio', { name: 'From Unsplash' }))
    const field = await panel().findByLabelText('Your access key')
    expect(field.getAttribute('type')).toBe('password')
    expect(panel().queryByRole('list', { name: 'Unsplash photos' })).toBeNull()
    await userEvent.type(field, 'my-secret-key-123')
    await userEvent.click(panel().getByRole('button', { name: 'Save' }))
    expect(api.setUnsplashKey).toHaveBeenCalledWith('my-secret-key-123')
    await panel().findByText(/Your key is saved, encrypted/)
    expect(document.body.innerHTML).not.toContain('my-secret-key-123')
  })

  it('tiles credit the photographer, and a run’s notices show under its progress', async () => {
    const { emit } = await renderApp()
    const started = downloadStarted(2)
    started.tasks = started.tasks.map((task) => ({
      ...task,
      credit: `Photo by P${task.taskId} on Unsplash`
    }))
    const notice = 'Unsplash was not told of the download of photo abc: Rate Limit Exceeded'
    act(() => emit([started, { type: 'run-notice', runId: 'run-1', t: 5, message: notice }]))
    const notes = await panel().findByRole('list', { name: 'Notices of this run' })
    expect(within(notes).getByText(notice)).toBeTruthy()
    // The run's state carries each task's credit to its tile (TileGrid only draws visible rows).
    const runs = runsReducer(initialRunsState, { type: 'events', batch: [started] })
    const task = runs.download!.tasks[1]!
    expect(task.credit).toBe('Photo by P1 on Unsplash')
    render(
      <div role="list">
        <Tile task={task} strategy="pool" onShow={vi.fn()} onOpen={vi.fn()} />
      </div>
    )
    expect(screen.getByText('Photo by P1 on Unsplash')).toBeTruthy()
  })
})
