import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CLICK_DELAY_MS, Tile } from '../../src/renderer/src/components/Tile.tsx'
import { TileGrid } from '../../src/renderer/src/components/TileGrid.tsx'
import type { TaskView } from '../../src/renderer/src/state/run-state.ts'

function task(overrides: Partial<TaskView> = {}): TaskView {
  return {
    taskId: 0,
    label: 'https://images.unsplash.com/photo-1516117172878-fd2c41f4a759',
    fileName: 'photo-1516117172878-fd2c41f4a759.jpg',
    status: 'queued',
    lane: null,
    startMs: null,
    endMs: null,
    bytes: 0,
    total: null,
    ...overrides
  }
}

const saved = task({
  status: 'done',
  lane: 0,
  startMs: 0,
  endMs: 900,
  bytes: 3 * 1024 * 1024,
  total: 3 * 1024 * 1024,
  file: '/pics/photo-1516117172878-fd2c41f4a759.jpg'
})

function renderTile(t: TaskView) {
  const onShow = vi.fn()
  const onOpen = vi.fn()
  render(
    <div role="list">
      <Tile task={t} strategy="workers" onShow={onShow} onOpen={onOpen} />
    </div>
  )
  return { onShow, onOpen, tile: screen.getByRole('listitem') }
}

describe('Tile', () => {
  afterEach(() => vi.useRealTimers())

  it('shows a queued placeholder that cannot be clicked', () => {
    const { tile } = renderTile(task())
    expect(tile).toHaveAttribute('data-status', 'queued')
    expect(tile).toHaveTextContent('Queued')
    expect(within(tile).getByRole('button', { name: /queued/ })).toBeDisabled()
  })

  it('shows its own progress, lane and size while it downloads', () => {
    const { tile } = renderTile(
      task({ status: 'running', lane: 2, startMs: 5, bytes: 1024 * 1024, total: 4 * 1024 * 1024 })
    )
    const bar = within(tile).getByRole('progressbar')
    expect(bar).toHaveAttribute('aria-valuenow', '25')
    expect(tile).toHaveTextContent('lane 3')
    expect(tile).toHaveTextContent('1.0 MB of 4.0 MB')
    expect(tile).toHaveTextContent('25%')
  })

  it('shows an indeterminate bar when the size is unknown, and a retry', () => {
    const { tile } = renderTile(
      task({
        status: 'running',
        lane: 0,
        bytes: 2048,
        total: null,
        retry: { attempt: 2, code: 'reset', message: 'Connection reset' }
      })
    )
    expect(within(tile).getByRole('progressbar')).not.toHaveAttribute('aria-valuenow')
    expect(tile).toHaveTextContent('Retry 2 · Connection reset')
  })

  it('shows "saved" before its thumbnail comes, then the thumbnail', () => {
    const { rerender } = render(
      <Tile task={saved} strategy="pool" onShow={vi.fn()} onOpen={vi.fn()} />
    )
    const tile = screen.getByRole('listitem')
    expect(tile).toHaveTextContent('Saved · 3.0 MB')
    expect(within(tile).queryByRole('img')).not.toBeInTheDocument()
    const thumbnail = { url: 'thumb://t/0.jpg', width: 320, height: 213 }
    rerender(
      <Tile task={{ ...saved, thumbnail }} strategy="pool" onShow={vi.fn()} onOpen={vi.fn()} />
    )
    const img = within(tile).getByRole('img', { name: 'photo-1516117172878-fd2c41f4a759.jpg' })
    expect(img).toHaveAttribute('src', 'thumb://t/0.jpg')
  })

  it('says when no preview could be made of a saved image', () => {
    const { tile } = renderTile({ ...saved, thumbnailError: 'Unsupported image format' })
    expect(tile).toHaveTextContent('Saved · 3.0 MB')
    expect(tile).toHaveTextContent('No preview')
  })

  it('says what failed, why and from which host; the code only in its tooltip', () => {
    const { tile } = renderTile(
      task({
        status: 'failed',
        label: 'https://cdn.example.net/photos/photo-7',
        startMs: 0,
        endMs: 200,
        error: { code: 'http_404', message: 'The server answered 404 Not Found' }
      })
    )
    expect(tile).toHaveTextContent('HTTP 404')
    expect(tile).toHaveTextContent('cdn.example.net')
    expect(tile).toHaveTextContent('The server answered 404 Not Found')
    // The code repeats the title: it is for the tooltip (and the JSON), not the tile.
    expect(tile).not.toHaveTextContent('http_404')
    const button = within(tile).getByRole('button', {
      name: /failed: HTTP 404 from cdn\.example\.net, The server answered 404 Not Found\. Copy URL$/
    })
    expect(button.getAttribute('title')).toMatch(/^HTTP 404 \(http_404\): The server answered/)
  })

  it('gives sizes in a failure’s message as the rest of the window does', () => {
    const { tile } = renderTile(
      task({
        status: 'failed',
        error: { code: 'reset', message: 'the connection was reset after 65536 bytes' }
      })
    )
    expect(tile).toHaveTextContent('the connection was reset after 64.0 KB')
    expect(tile).not.toHaveTextContent('65536')
  })

  it('takes the focus when it failed, and copies its URL', async () => {
    const writeText = vi.fn(async () => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const { tile } = renderTile(
      task({ status: 'failed', error: { code: 'dns', message: 'getaddrinfo ENOTFOUND x' } })
    )
    const button = within(tile).getByRole('button', { name: /Copy URL$/ })
    expect(button).toBeEnabled()
    button.focus()
    expect(button).toHaveFocus()
    await act(async () => fireEvent.click(button, { detail: 0 }))
    expect(writeText).toHaveBeenCalledWith(
      'https://images.unsplash.com/photo-1516117172878-fd2c41f4a759'
    )
    expect(tile).toHaveTextContent('Copied')
  })

  it('shows a cancelled state', () => {
    const { tile } = renderTile(
      task({ status: 'cancelled', error: { code: 'cancelled', message: 'Cancelled' } })
    )
    expect(tile).toHaveAttribute('data-status', 'cancelled')
    expect(tile).toHaveTextContent('Cancelled')
  })

  it('shows the image in its folder on a click, once it is sure no second click comes', () => {
    vi.useFakeTimers()
    const { tile, onShow, onOpen } = renderTile(saved)
    fireEvent.click(within(tile).getByRole('button', { name: /Show in folder/ }), { detail: 1 })
    expect(onShow).not.toHaveBeenCalled()
    act(() => {
      vi.advanceTimersByTime(CLICK_DELAY_MS)
    })
    expect(onShow).toHaveBeenCalledWith(saved.file)
    expect(onOpen).not.toHaveBeenCalled()
  })

  it('opens the image on a double click, without showing the folder', () => {
    vi.useFakeTimers()
    const { tile, onShow, onOpen } = renderTile(saved)
    const button = within(tile).getByRole('button', { name: /Show in folder/ })
    fireEvent.click(button, { detail: 1 })
    fireEvent.click(button, { detail: 2 })
    fireEvent.doubleClick(button, { detail: 2 })
    act(() => {
      vi.advanceTimersByTime(CLICK_DELAY_MS * 2)
    })
    expect(onOpen).toHaveBeenCalledWith(saved.file)
    expect(onShow).not.toHaveBeenCalled()
  })

  it('acts at once on the keyboard, and opens with its Open button', () => {
    const { tile, onShow, onOpen } = renderTile(saved)
    fireEvent.click(within(tile).getByRole('button', { name: /Show in folder/ }), { detail: 0 })
    expect(onShow).toHaveBeenCalledWith(saved.file)
    fireEvent.click(
      within(tile).getByRole('button', { name: 'Open photo-1516117172878-fd2c41f4a759.jpg' })
    )
    expect(onOpen).toHaveBeenCalledWith(saved.file)
  })
})

describe('TileGrid', () => {
  function withSize(width: number, height: number, body: () => void): void {
    const w = vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(width)
    const h = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(height)
    try {
      body()
    } finally {
      w.mockRestore()
      h.mockRestore()
    }
  }

  const many = (count: number): TaskView[] =>
    Array.from({ length: count }, (_, i) =>
      task({ taskId: i, fileName: `img-${i}.jpg`, label: `https://x/${i}` })
    )

  it('draws one tile per image for a short list', () => {
    withSize(800, 600, () => {
      render(<TileGrid tasks={many(15)} strategy="workers" onShow={vi.fn()} onOpen={vi.fn()} />)
      expect(screen.getByRole('list', { name: '15 images' })).toBeInTheDocument()
      expect(screen.getAllByRole('listitem')).toHaveLength(15)
    })
  })

  it('renders only the rows in view of a long list', () => {
    withSize(800, 400, () => {
      render(<TileGrid tasks={many(600)} strategy="pool" onShow={vi.fn()} onOpen={vi.fn()} />)
      const shown = screen.getAllByRole('listitem').length
      expect(shown).toBeGreaterThan(0)
      expect(shown).toBeLessThan(60)
      expect(screen.getByText('img-0.jpg')).toBeInTheDocument()
      expect(screen.queryByText('img-599.jpg')).not.toBeInTheDocument()
    })
  })
})
