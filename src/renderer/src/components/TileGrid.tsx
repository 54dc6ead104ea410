import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent } from 'react'
import type { Strategy } from '../../../common/defaults.ts'
import { useElementWidth } from '../hooks/use-element-width.ts'
import type { TaskView } from '../state/run-state.ts'
import { strings } from '../strings/index.ts'
import { Tile } from './Tile.tsx'

interface Props {
  tasks: readonly TaskView[]
  strategy: Strategy
  onShow(file: string): void
  onOpen(file: string): void
  /** A new run of one image, from its tile's menu; absent while a run goes. */
  onRetry?(url: string): void
  label?: string
}

const MIN_TILE = 150
const GAP = 10
/** The caption's height and the tile's two borders. */
const CAPTION = 34
/** Width over height of the picture: most photos are 3:2 (Unsplash's, the simulated CDN's). */
const PHOTO_ASPECT = 3 / 2
const MAX_HEIGHT = 560

/** A tile the keyboard can stop on: a saved image (show, open) or a failed one (copy its URL). */
const focusable = (task: TaskView | undefined): boolean =>
  task?.status === 'done' || task?.status === 'failed'

/** Whether the last key pressed was Tab, to tell a Tab into the grid from a click on a tile. */
let tabbing = false
if (typeof window !== 'undefined') {
  window.addEventListener('keydown', (e) => (tabbing = e.key === 'Tab'), true)
  window.addEventListener('pointerdown', () => (tabbing = false), true)
}

/**
 * Tiles in rows, only the rows in view rendered: 500 images cost what 30 do.
 * Tab and Shift+Tab still reach every tile: at the edge of the drawn rows the
 * grid scrolls the next tile in and focuses it, and a Tab into the grid from
 * before or after lands on its first or last tile.
 */
export function TileGrid({ tasks, strategy, onShow, onOpen, onRetry, label }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const width = useElementWidth(scrollRef, 760)
  const columns = Math.max(1, Math.floor((width + GAP) / (MIN_TILE + GAP)))
  const tileWidth = (width - GAP * (columns - 1)) / columns
  // The picture fills its box (object-fit: cover): a box of the photo's shape crops nothing.
  const rowHeight = Math.round((tileWidth - 2) / PHOTO_ASPECT) + CAPTION + GAP
  const rows = Math.ceil(tasks.length / columns)
  const pending = useRef<{ index: number; last: boolean } | null>(null)

  // The app does not use the React Compiler, which is what this rule guards.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 2
  })
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight])

  const focusDrawn = (index: number, last: boolean): boolean => {
    const tile = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)
    const media = tile?.querySelector<HTMLButtonElement>('.tile-media:not(:disabled)')
    if (!tile || !media) return false
    media.focus()
    if (last) tile.querySelector<HTMLButtonElement>('.tile-open')?.focus()
    return true
  }
  const focusTile = (index: number, last: boolean): void => {
    if (focusDrawn(index, last)) return
    pending.current = { index, last }
    virtualizer.scrollToIndex(Math.floor(index / columns), { align: last ? 'end' : 'start' })
  }
  // A tile scrolled in for the keyboard takes the focus once it is drawn.
  useLayoutEffect(() => {
    const wanted = pending.current
    if (wanted && focusDrawn(wanted.index, wanted.last)) pending.current = null
  })

  const step = (from: number, by: 1 | -1): number | null => {
    for (let i = from + by; i >= 0 && i < tasks.length; i += by) if (focusable(tasks[i])) return i
    return null
  }

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return
    const target = event.target as HTMLElement
    const tile = target.closest<HTMLElement>('[data-index]')
    if (!tile) return
    const stops = [...tile.querySelectorAll<HTMLElement>('button:not(:disabled)')]
    const at = stops.indexOf(target)
    // Between the stops of one tile (its picture, its Open), the browser's own order.
    if (event.shiftKey ? at > 0 : at < stops.length - 1) return
    const next = step(Number(tile.dataset.index), event.shiftKey ? -1 : 1)
    if (next === null) return
    event.preventDefault()
    focusTile(next, event.shiftKey)
  }

  const onFocus = (event: FocusEvent): void => {
    const grid = scrollRef.current
    const from = event.relatedTarget as Node | null
    if (!tabbing || !grid || (from && grid.contains(from))) return
    const tile = (event.target as HTMLElement).closest<HTMLElement>('[data-index]')
    if (!tile) return
    const backwards =
      from !== null && (grid.compareDocumentPosition(from) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
    const wanted = backwards ? step(tasks.length, -1) : step(-1, 1)
    if (wanted !== null && wanted !== Number(tile.dataset.index)) focusTile(wanted, backwards)
  }

  return (
    <div
      ref={scrollRef}
      className="tile-scroll"
      style={{ height: Math.min(rows * rowHeight, MAX_HEIGHT) }}
      role="list"
      aria-label={label ?? strings.run.tiles.gridLabel(tasks.length)}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <div className="tile-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div
            key={row.key}
            className="tile-row"
            role="none"
            style={{
              transform: `translateY(${row.start}px)`,
              height: rowHeight - GAP,
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
              gap: GAP
            }}
          >
            {tasks.slice(row.index * columns, (row.index + 1) * columns).map((task, i) => (
              <Tile
                key={task.taskId}
                task={task}
                index={row.index * columns + i}
                strategy={strategy}
                onShow={onShow}
                onOpen={onOpen}
                {...(onRetry ? { onRetry } : {})}
              />
            ))}
          </div>
        ))}
      </div>
    </div>
  )
}
