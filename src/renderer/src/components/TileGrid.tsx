import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import type { Strategy } from '../../../common/defaults.ts'
import { useElementWidth } from '../hooks/use-element-width.ts'
import type { TaskView } from '../state/run-state.ts'
import { Tile } from './Tile.tsx'

interface Props {
  tasks: readonly TaskView[]
  strategy: Strategy
  onShow(file: string): void
  onOpen(file: string): void
}

const MIN_TILE = 150
const GAP = 10
/** The caption's height and the tile's two borders. */
const CAPTION = 34
/** Width over height of the picture: most photos are 3:2 (Unsplash's, the simulated CDN's). */
const PHOTO_ASPECT = 3 / 2
const MAX_HEIGHT = 560

/** Tiles in rows, only the rows in view rendered: 500 images cost what 30 do. */
export function TileGrid({ tasks, strategy, onShow, onOpen }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const width = useElementWidth(scrollRef, 760)
  const columns = Math.max(1, Math.floor((width + GAP) / (MIN_TILE + GAP)))
  const tileWidth = (width - GAP * (columns - 1)) / columns
  // The picture fills its box (object-fit: cover): a box of the photo's shape crops nothing.
  const rowHeight = Math.round((tileWidth - 2) / PHOTO_ASPECT) + CAPTION + GAP
  const rows = Math.ceil(tasks.length / columns)

  // The app does not use the React Compiler, which is what this rule guards.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 2
  })
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight])

  return (
    <div
      ref={scrollRef}
      className="tile-scroll"
      style={{ height: Math.min(rows * rowHeight, MAX_HEIGHT) }}
      role="list"
      aria-label={`${tasks.length} images`}
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
            {tasks.slice(row.index * columns, (row.index + 1) * columns).map((task) => (
              <Tile
                key={task.taskId}
                task={task}
                strategy={strategy}
                onShow={onShow}
                onOpen={onOpen}
              />
            ))}
          </div>
        ))}
      </div>
    </div>
  )
}
