import { cleanup, createEvent, fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { ApiProvider } from '../../src/renderer/src/ApiProvider.tsx'
import { Tile } from '../../src/renderer/src/components/Tile.tsx'
import type { TaskView } from '../../src/renderer/src/state/run-state.ts'
import { createTestApi } from './helpers/test-api.ts'

function task(overrides: Partial<TaskView>): TaskView {
  return {
    taskId: 0,
    label: 'https://images.example/photo-1',
    fileName: 'photo-1.jpg',
    status: 'queued',
    lane: null,
    startMs: null,
    endMs: null,
    bytes: 0,
    total: null,
    ...overrides
  }
}

function renderTile(t: TaskView) {
  const test = createTestApi()
  render(
    <ApiProvider api={test.api}>
      <Tile task={t} strategy="pool" onShow={vi.fn()} onOpen={vi.fn()} />
    </ApiProvider>
  )
  return test.api
}

describe('dragging a saved image out of its tile', () => {
  it('hands the saved file to main, which starts the system drag', () => {
    const api = renderTile(
      task({ status: 'done', file: '/pics/photo-1.jpg', bytes: 10, startMs: 0, endMs: 5, lane: 0 })
    )
    const tile = screen.getByRole('button', { name: /^photo-1\.jpg: .*Show in folder/ })
    expect(tile).toHaveAttribute('draggable', 'true')
    const dragStart = createEvent.dragStart(tile)
    fireEvent(tile, dragStart)
    // The page's own drag (of a button) gives way to the file's.
    expect(dragStart.defaultPrevented).toBe(true)
    expect(api.startDrag).toHaveBeenCalledWith('/pics/photo-1.jpg')
  })

  it('offers nothing to drag before the image is saved, or when it failed', () => {
    for (const t of [
      task({ status: 'running', lane: 0, startMs: 0, bytes: 5, total: 10 }),
      task({ status: 'failed', error: { code: 'http_404', message: 'Not Found' } })
    ]) {
      const api = renderTile(t)
      const tile = screen.getAllByRole('button')[0]!
      expect(tile).toHaveAttribute('draggable', 'false')
      fireEvent.dragStart(tile)
      expect(api.startDrag).not.toHaveBeenCalled()
      cleanup()
    }
  })
})
