import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RunEvent } from '../../src/common/events.ts'
import { UrlListEditor } from '../../src/renderer/src/components/UrlListEditor.tsx'
import { parseUrlList } from '../../src/common/url-list.ts'
import { paceOf, formatTimeLeft } from '../../src/renderer/src/state/eta.ts'
import { initialRunsState, runsReducer } from '../../src/renderer/src/state/run-state.ts'
import { downloadStarted, record } from './helpers/events.ts'
import { renderApp } from './helpers/render-app.tsx'

const panel = () => within(screen.getByRole('tabpanel', { name: /^Download images/ }))

const finished = (ok: number, failed: number, t = 3210): RunEvent => ({
  type: 'run-finished',
  runId: 'run-1',
  t,
  elapsedMs: t,
  ok,
  failed,
  cancelled: 0,
  bytes: ok * 1024
})

/** Every task of `downloadStarted(n)` started then settled: the first `ok` saved, the rest failed with `code`. */
function settled(n: number, ok: number, code: 'http_404' | 'dns' = 'http_404'): RunEvent[] {
  const events: RunEvent[] = []
  for (let taskId = 0; taskId < n; taskId++) {
    events.push({ type: 'task-started', runId: 'run-1', t: 1, taskId, lane: taskId % 4 })
    events.push(
      taskId < ok
        ? {
            type: 'task-finished',
            runId: 'run-1',
            t: 50,
            taskId,
            file: `/p/${taskId}.jpg`,
            bytes: 1024
          }
        : {
            type: 'task-failed',
            runId: 'run-1',
            t: 50,
            taskId,
            code,
            message: code === 'dns' ? `getaddrinfo ENOTFOUND images.example` : 'Not Found'
          }
    )
  }
  return events
}

describe('the window around a run', () => {
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(900)
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600)
  })
  afterEach(() => vi.restoreAllMocks())

  it('ends the run with its last image: Finished at its own time while previews are still made', async () => {
    const { emit } = await renderApp()
    act(() => emit([downloadStarted(3), ...settled(3, 3), finished(3, 0, 1234)]))
    act(() => emit([{ type: 'previews-progress', runId: 'run-1', t: 1300, done: 1, total: 3 }]))
    expect(panel().getByText('Finished', { exact: true })).toBeInTheDocument()
    const clock = panel().getByTitle('Elapsed')
    expect(clock).toHaveTextContent('1.23 s')
    expect(panel().getByText('Making previews 1/3')).toBeInTheDocument()
    // The run is over: Download is ready again, though previews are still being made.
    expect(panel().getByRole('button', { name: 'Download 15 images' })).toBeEnabled()
    act(() => emit([{ type: 'previews-progress', runId: 'run-1', t: 1500, done: 3, total: 3 }]))
    expect(panel().queryByText(/Making previews/)).not.toBeInTheDocument()
    expect(clock).toHaveTextContent('1.23 s')
  })

  it('counts saved and failed apart, in words and in the bar', async () => {
    const { emit } = await renderApp()
    act(() => emit([downloadStarted(8), ...settled(8, 4), finished(4, 4)]))
    const bar = panel().getByRole('progressbar', { name: '4 of 8 saved, 4 failed' })
    const parts = bar.querySelectorAll<HTMLElement>('.run-bar-part')
    expect([...parts].map((p) => p.style.width)).toEqual(['50%', '50%', '0%'])
    expect(document.querySelector('.run-words')).toHaveTextContent('4 of 8 saved · 4 failed')
  })

  it('announces the end of a run politely, once it has ended', async () => {
    const { emit } = await renderApp()
    act(() => emit([downloadStarted(8), ...settled(8, 6).slice(0, 4)]))
    const live = panel()
      .getAllByText((_, el) => el?.getAttribute('aria-live') === 'polite' && el.tagName === 'P')
      .find((el) => el.classList.contains('visually-hidden'))!
    expect(live).toHaveTextContent(/^$/)
    act(() => emit([...settled(8, 6).slice(4), finished(6, 2)]))
    expect(live).toHaveTextContent(
      'Download finished with failures in 3.21 s: 6 of 8 saved, 2 failed.'
    )
  })

  it('says "offline" once for a run that reached no host, and offers the simulated CDN and a retry', async () => {
    const user = userEvent.setup()
    const { api, emit } = await renderApp()
    act(() => emit([downloadStarted(5), ...settled(5, 0, 'dns'), finished(0, 5)]))
    const notice = panel().getByRole('group', { name: 'You appear to be offline' })
    expect(notice).toHaveTextContent('5 of 5 images could not reach their server (Host not found)')
    await user.click(within(notice).getByRole('button', { name: 'Retry failed' }))
    await waitFor(() => expect(api.startDownload).toHaveBeenCalledTimes(1))
    expect(api.startDownload).toHaveBeenCalledWith({
      strategy: 'pool',
      concurrency: 4,
      source: {
        kind: 'urls',
        urls: [0, 1, 2, 3, 4].map((i) => `https://images.example/photo-${i}`),
        imageSize: 'original'
      }
    })
    await user.click(within(notice).getByRole('button', { name: 'Use the simulated CDN' }))
    expect(panel().getByRole('radio', { name: 'Simulated CDN (offline)' })).toBeChecked()
  })

  it('says nothing of offline when the images failed for their own reasons, and can show the failed alone', async () => {
    const user = userEvent.setup()
    const { emit } = await renderApp()
    act(() => emit([downloadStarted(6), ...settled(6, 4), finished(4, 2)]))
    expect(panel().queryByText('You appear to be offline')).not.toBeInTheDocument()
    expect(panel().getByRole('button', { name: 'Retry 2 failed' })).toBeEnabled()
    await user.click(panel().getByRole('radio', { name: 'Failed 2' }))
    const list = panel().getByRole('list', { name: '2 images' })
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((t) => t.getAttribute('data-status'))
    ).toEqual(['failed', 'failed'])
    await user.click(panel().getByRole('radio', { name: 'All 6' }))
    expect(panel().getByRole('list', { name: '6 images' })).toBeInTheDocument()
  })

  it('shows the speed and the time left while a download goes', () => {
    const state = runsReducer(initialRunsState, {
      type: 'events',
      batch: [
        downloadStarted(4),
        { type: 'task-started', runId: 'run-1', t: 0, taskId: 0, lane: 0 },
        {
          type: 'task-finished',
          runId: 'run-1',
          t: 900,
          taskId: 0,
          file: '/p/0.jpg',
          bytes: 2 * 1024 * 1024
        }
      ]
    })
    // 2 MB in 1 s, three more of 2 MB to go: 3 s.
    const pace = paceOf(state.download!, 1000)
    expect(pace?.bytesPerSecond).toBe(2 * 1024 * 1024)
    expect(formatTimeLeft(pace!.leftMs!)).toBe('about 3 s left')
    // Too early to say anything.
    expect(paceOf(state.download!, 500)).toBeNull()
  })

  it('disables the start button while a field is invalid, and says why', async () => {
    const user = userEvent.setup()
    await renderApp({ settings: { sourceKind: 'simulated' } })
    const images = panel().getByRole('spinbutton', { name: 'Images' })
    await user.clear(images)
    await user.type(images, '20000')
    const start = panel().getByRole('button', { name: 'Download' })
    expect(start).toBeDisabled()
    expect(start).toHaveAccessibleDescription('Images: Between 1 and 10000')
    await user.clear(images)
    expect(panel().getByRole('button', { name: 'Download' })).toHaveAccessibleDescription(
      'Images: Enter a number'
    )
    await user.type(images, '20')
    expect(panel().getByRole('button', { name: 'Download 20 images' })).toBeEnabled()
  })

  it('moves the focus to Cancel when a run starts and back to Download when it ends', async () => {
    const user = userEvent.setup()
    const { emit } = await renderApp()
    await user.click(panel().getByRole('button', { name: 'Download 15 images' }))
    act(() => emit([downloadStarted(2)]))
    expect(panel().getByRole('button', { name: 'Cancel' })).toHaveFocus()
    act(() => emit([...settled(2, 2), finished(2, 0)]))
    expect(panel().getByRole('button', { name: 'Download 15 images' })).toHaveFocus()
  })

  it('closes the Clear history question with Escape, and puts the focus back', async () => {
    const user = userEvent.setup()
    const { api } = await renderApp({ history: [record({ runId: 'a' })] })
    const clear = await panel().findByRole('button', { name: 'Clear history' })
    await user.click(clear)
    expect(panel().getByRole('button', { name: 'Keep' })).toHaveFocus()
    await user.keyboard('{Escape}')
    expect(panel().queryByRole('button', { name: 'Keep' })).not.toBeInTheDocument()
    expect(panel().getByRole('button', { name: 'Clear history' })).toHaveFocus()
    expect(api.clearHistory).not.toHaveBeenCalled()
  })

  it('moves between the tabs with Home and End', async () => {
    const user = userEvent.setup()
    await renderApp()
    screen.getByRole('tab', { name: 'Download images' }).focus()
    await user.keyboard('{End}')
    expect(screen.getByRole('tab', { name: 'Sleep demo' })).toHaveFocus()
    expect(screen.getByRole('tab', { name: 'Sleep demo' })).toHaveAttribute('aria-selected', 'true')
    await user.keyboard('{Home}')
    expect(screen.getByRole('tab', { name: 'Download images' })).toHaveFocus()
  })
})

describe('the URL box', () => {
  const text = [
    'https://a.example/1.jpg',
    'nope',
    '# a comment',
    'ftp://b.example/2.jpg',
    'https://a.example/3.jpg'
  ].join('\n')

  function renderEditor(value = text) {
    const onChange = vi.fn()
    render(<UrlListEditor text={value} parsed={parseUrlList(value)} onChange={onChange} />)
    return { onChange, box: screen.getByRole('textbox', { name: 'Image URLs, one a line' }) }
  }

  it('numbers its lines, wraps long ones, and selects a problem’s line on a click', async () => {
    const user = userEvent.setup()
    const { box } = renderEditor()
    expect(box).not.toHaveAttribute('wrap', 'off')
    const numbered = document.querySelectorAll('.url-line')
    expect(numbered).toHaveLength(5)
    expect(numbered[1]).toHaveClass('url-line--bad')
    await user.click(screen.getByRole('button', { name: /^Line 4/ }))
    const area = box as HTMLTextAreaElement
    expect(area).toHaveFocus()
    expect(area.value.slice(area.selectionStart, area.selectionEnd)).toBe('ftp://b.example/2.jpg')
  })

  it('removes the invalid lines and keeps the rest as they were', async () => {
    const user = userEvent.setup()
    const { onChange } = renderEditor()
    await user.click(screen.getByRole('button', { name: 'Remove 2 invalid lines' }))
    expect(onChange).toHaveBeenCalledWith(
      ['https://a.example/1.jpg', '# a comment', 'https://a.example/3.jpg'].join('\n')
    )
  })

  it('opens the problems past the first six', async () => {
    const user = userEvent.setup()
    renderEditor(Array.from({ length: 8 }, (_, i) => `bad ${i}`).join('\n'))
    const list = screen.getByRole('list', { name: 'Invalid lines' })
    expect(within(list).getAllByRole('listitem')).toHaveLength(6)
    await user.click(screen.getByRole('button', { name: 'and 2 more' }))
    expect(within(list).getAllByRole('listitem')).toHaveLength(8)
  })
})
