import {
  memo,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent
} from 'react'
import type { Strategy } from '../../../common/defaults.ts'
import { errorTitle, hostOf, readableMessage } from '../state/error-text.ts'
import { copyText } from '../state/clipboard.ts'
import { baseName, formatBytes, middleEllipsis } from '../state/format.ts'
import { laneName } from '../state/lanes.ts'
import type { TaskView } from '../state/run-state.ts'
import { ApiContext } from '../api-context.ts'
import { strings } from '../strings/index.ts'
import { ProgressBar } from './ProgressBar.tsx'
import { TileMenu, type MenuItem } from './TileMenu.tsx'

interface Props {
  task: TaskView
  /** Its place in the grid, for keyboard moves between tiles. */
  index?: number
  strategy: Strategy
  onShow(file: string): void
  onOpen(file: string): void
  /** A new run of just this image; absent while a run goes. */
  onRetry?(url: string): void
}

/** A double click also clicks twice: the single click waits this long to see if a second comes. */
export const CLICK_DELAY_MS = 250
const COPIED_MS = 1500

const s = strings.run.tiles

/** One image: a placeholder with its progress, its thumbnail once saved, or what went wrong. */
export const Tile = memo(function Tile({
  task,
  index = 0,
  strategy,
  onShow,
  onOpen,
  onRetry
}: Props) {
  const clickTimer = useRef<number | undefined>(undefined)
  const [copied, setCopied] = useState<boolean | null>(null)
  const name = task.fileName ?? baseName(task.label)
  const file = task.status === 'done' ? task.file : undefined
  const failed = task.status === 'failed'
  // A saved image can be dragged out of the window as its file (main starts the system's drag).
  const api = useContext(ApiContext)

  useEffect(() => {
    if (copied === null) return
    const timer = window.setTimeout(() => setCopied(null), COPIED_MS)
    return () => window.clearTimeout(timer)
  }, [copied])

  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null)
  const closeMenu = useCallback(() => setMenuAt(null), [])
  const copy = (text: string): void => void copyText(text).then(setCopied)
  const menuItems: MenuItem[] = [
    ...(file
      ? [
          { label: s.open, onSelect: () => onOpen(file) },
          { label: s.showInFolder, onSelect: () => onShow(file) }
        ]
      : []),
    { label: s.copyUrl, onSelect: () => copy(task.label) },
    ...(file ? [{ label: s.copyFilePath, onSelect: () => copy(file) }] : []),
    ...((failed || task.status === 'cancelled') && onRetry
      ? [{ label: s.retry, onSelect: () => onRetry(task.label) }]
      : [])
  ]
  const onContextMenu = (event: MouseEvent): void => {
    event.preventDefault()
    setMenuAt({ x: event.clientX, y: event.clientY })
  }
  // Shift+F10 and the menu key open it at the tile's corner (in Chromium both also fire contextmenu).
  const onMenuKey = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.key !== 'ContextMenu' && !(event.shiftKey && event.key === 'F10')) return
    event.preventDefault()
    const box = event.currentTarget.getBoundingClientRect()
    setMenuAt({ x: box.left + 8, y: box.top + 8 })
  }

  const onClick = (event: MouseEvent): void => {
    if (failed) return void copyText(task.label).then(setCopied)
    if (!file) return
    window.clearTimeout(clickTimer.current)
    // A keyboard press has no click count: act at once.
    if (event.detail === 0) onShow(file)
    else if (event.detail === 1)
      clickTimer.current = window.setTimeout(() => onShow(file), CLICK_DELAY_MS)
  }
  const onDoubleClick = (): void => {
    window.clearTimeout(clickTimer.current)
    if (file) onOpen(file)
  }

  return (
    <div
      className={`tile tile--${task.status}`}
      role="listitem"
      data-status={task.status}
      data-index={index}
      onContextMenu={onContextMenu}
    >
      <button
        type="button"
        className="tile-media"
        disabled={!file && !failed}
        title={titleOf(task, file)}
        aria-label={s.mediaLabel(name, statusText(task), file ? 'show' : failed ? 'copy' : null)}
        onClick={onClick}
        onDoubleClick={onDoubleClick}
        onKeyDown={onMenuKey}
        aria-haspopup="menu"
        draggable={file !== undefined}
        onDragStart={(event) => {
          if (!file || !api) return
          event.preventDefault()
          void api.startDrag(file)
        }}
      >
        <TileMedia task={task} strategy={strategy} name={name} />
      </button>
      <div className="tile-caption">
        <span className="tile-name" title={task.label}>
          {middleEllipsis(name, task.status === 'running' ? 19 : 24)}
        </span>
        {task.status === 'running' && <span className="tile-meta">{metaText(task)}</span>}
        {(failed || copied !== null) && (
          <span className="tile-copy" aria-live="polite">
            {copied === null ? (
              <span className="tile-copy-hint" aria-hidden="true">
                {s.copyUrl}
              </span>
            ) : copied ? (
              s.copied
            ) : (
              s.couldNotCopy
            )}
          </span>
        )}
        {file && (
          <button
            type="button"
            className="tile-open"
            aria-label={s.openName(name)}
            onClick={() => onOpen(file)}
          >
            {s.open}
          </button>
        )}
      </div>
      {task.credit && (
        <p className="tile-credit" title={task.credit}>
          {task.credit}
        </p>
      )}
      {menuAt && <TileMenu label={name} items={menuItems} at={menuAt} onClose={closeMenu} />}
    </div>
  )
})

function titleOf(task: TaskView, file: string | undefined): string {
  if (file) return s.savedTitle(task.label)
  if (task.status === 'failed' && task.error) {
    const { code, message } = task.error
    return s.failedTitle(errorTitle(code), code, readableMessage(message), task.label)
  }
  return task.label
}

function TileMedia({ task, strategy, name }: { task: TaskView; strategy: Strategy; name: string }) {
  switch (task.status) {
    case 'done':
      return task.thumbnail ? (
        <img src={task.thumbnail.url} alt={name} draggable={false} decoding="async" />
      ) : (
        <span className="tile-state tile-state--saved">
          <span className="tile-icon" aria-hidden="true">
            ✓
          </span>
          {s.saved(formatBytes(task.bytes))}
          {task.thumbnailError && (
            <span className="tile-note" title={task.thumbnailError}>
              {s.noPreview}
            </span>
          )}
        </span>
      )
    case 'running':
      return (
        <span className="tile-state tile-state--running">
          <span className="tile-lane">{laneName(strategy, task.lane ?? 0)}</span>
          {task.retry && (
            <span className="tile-retry">
              {s.retrying(task.retry.attempt, errorTitle(task.retry.code))}
            </span>
          )}
          {task.stalled && (
            <span className="tile-retry" role="status">
              {s.stalled(formatBytes(task.stalled.bytesPerSecond))}
            </span>
          )}
          <ProgressBar
            value={task.total ? task.bytes / task.total : null}
            label={s.downloading(name)}
            className="tile-progress"
          />
          <span className="tile-bytes">
            {formatBytes(task.bytes)}
            {task.total ? s.ofTotal(formatBytes(task.total)) : ''}
          </span>
        </span>
      )
    case 'failed':
      return (
        <span className="tile-state tile-state--failed">
          <span className="tile-error-title">
            <span aria-hidden="true">⚠ </span>
            {task.error ? errorTitle(task.error.code) : s.failedFallback}
          </span>
          <span className="tile-host">{hostOf(task.label)}</span>
          <span className="tile-error-message">
            {task.error ? readableMessage(task.error.message) : ''}
          </span>
        </span>
      )
    case 'cancelled':
      return <span className="tile-state tile-state--cancelled">{s.cancelled}</span>
    default:
      return <span className="tile-state tile-state--queued">{s.queued}</span>
  }
}

function statusText(task: TaskView): string {
  switch (task.status) {
    case 'done':
      return s.status.saved(formatBytes(task.bytes))
    case 'running':
      return s.status.downloading(
        formatBytes(task.bytes),
        task.total ? formatBytes(task.total) : null
      )
    case 'failed':
      return task.error
        ? s.status.failed(
            errorTitle(task.error.code),
            hostOf(task.label),
            readableMessage(task.error.message)
          )
        : s.status.failedBare
    case 'cancelled':
      return s.status.cancelled
    default:
      return s.status.queued
  }
}

function metaText(task: TaskView): string {
  if (task.status === 'running')
    return task.total ? `${Math.round((task.bytes / task.total) * 100)}%` : ''
  if (task.status === 'failed') return s.failedMeta
  return ''
}
