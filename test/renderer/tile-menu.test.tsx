import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { Tile } from '../../src/renderer/src/components/Tile.tsx'
import type { TaskView } from '../../src/renderer/src/state/run-state.ts'

function task(overrides: Partial<TaskView>): TaskView {
  return {
    taskId: 0,
    label: 'https://images.example/photo-1',
    fileName: 'photo-1.jpg',
    status: 'queued',
    lane: 0,
    startMs: 0,
    endMs: 5,
    bytes: 10,
    total: 10,
    ...overrides
  }
}

const saved = task({ status: 'done', file: '/pics/photo-1.jpg' })
const failed = task({ status: 'failed', error: { code: 'http_404', message: 'HTTP 404' } })

function renderTile(t: TaskView, withRetry = true) {
  const actions = { onShow: vi.fn(), onOpen: vi.fn(), onRetry: vi.fn() }
  const { onRetry, ...always } = actions
  render(
    <div role="list">
      <Tile task={t} strategy="pool" {...always} {...(withRetry ? { onRetry } : {})} />
    </div>
  )
  return actions
}

const itemNames = (): string[] =>
  within(screen.getByRole('menu'))
    .getAllByRole('menuitem')
    .map((item) => item.textContent ?? '')

describe('a tile’s right-click menu', () => {
  // user-event's setup puts a clipboard the page can write and the test can read back.
  it('offers a saved image’s actions and does each', async () => {
    const user = userEvent.setup()
    const { onShow, onOpen } = renderTile(saved)
    const tile = screen.getByRole('listitem')
    fireEvent.contextMenu(tile, { clientX: 40, clientY: 50 })
    expect(screen.getByRole('menu', { name: 'photo-1.jpg' })).toBeInTheDocument()
    expect(itemNames()).toEqual(['Open', 'Show in folder', 'Copy URL', 'Copy file path'])

    await user.click(screen.getByRole('menuitem', { name: 'Open' }))
    expect(onOpen).toHaveBeenCalledWith('/pics/photo-1.jpg')
    expect(screen.queryByRole('menu')).not.toBeInTheDocument()

    fireEvent.contextMenu(tile)
    await user.click(screen.getByRole('menuitem', { name: 'Show in folder' }))
    expect(onShow).toHaveBeenCalledWith('/pics/photo-1.jpg')

    fireEvent.contextMenu(tile)
    await user.click(screen.getByRole('menuitem', { name: 'Copy file path' }))
    await waitFor(async () =>
      expect(await navigator.clipboard.readText()).toBe('/pics/photo-1.jpg')
    )
    fireEvent.contextMenu(tile)
    await user.click(screen.getByRole('menuitem', { name: 'Copy URL' }))
    await waitFor(async () =>
      expect(await navigator.clipboard.readText()).toBe('https://images.example/photo-1')
    )
    await waitFor(() => expect(tile).toHaveTextContent('Copied'))
  })

  it('opens from the keyboard with Shift+F10 or the menu key, and moves with the arrows', async () => {
    const user = userEvent.setup()
    const { onRetry } = renderTile(failed)
    const button = screen.getByRole('button', { name: /^photo-1\.jpg: failed/ })
    button.focus()
    await user.keyboard('{Shift>}{F10}{/Shift}')
    expect(itemNames()).toEqual(['Copy URL', 'Retry'])
    expect(screen.getByRole('menuitem', { name: 'Copy URL' })).toHaveFocus()
    await user.keyboard('{ArrowDown}')
    expect(screen.getByRole('menuitem', { name: 'Retry' })).toHaveFocus()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('menu')).not.toBeInTheDocument()
    expect(button).toHaveFocus()

    await user.keyboard('{ContextMenu}')
    await user.keyboard('{End}{Enter}')
    expect(onRetry).toHaveBeenCalledWith('https://images.example/photo-1')
    expect(screen.queryByRole('menu')).not.toBeInTheDocument()
  })

  it('offers no Retry while a run goes, and closes on a click elsewhere', async () => {
    const user = userEvent.setup()
    renderTile(failed, false)
    fireEvent.contextMenu(screen.getByRole('listitem'))
    expect(itemNames()).toEqual(['Copy URL'])
    await user.click(document.body)
    expect(screen.queryByRole('menu')).not.toBeInTheDocument()
  })
})
