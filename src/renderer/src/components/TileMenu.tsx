import { useEffect, useRef, type KeyboardEvent } from 'react'
import { createPortal } from 'react-dom'

export interface MenuItem {
  label: string
  onSelect(): void
}

interface Props {
  /** What the menu is for, read out with it: the image's name. */
  label: string
  items: readonly MenuItem[]
  /** Where it opens, in the window's coordinates: the pointer, or the tile's corner from the keyboard. */
  at: { x: number; y: number }
  onClose(): void
}

const WIDTH = 190

/**
 * A tile's right-click menu, drawn by the page (the actions are the page's own `window.api` calls).
 * It opens with its first item focused; arrows, Home and End move; Enter picks; Escape, Tab or a
 * click elsewhere close it, and the focus goes back to where it was.
 */
export function TileMenu({ label, items, at, onClose }: Props) {
  const menu = useRef<HTMLUListElement>(null)

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null
    menu.current?.querySelector('button')?.focus()
    const away = (event: PointerEvent): void => {
      if (!menu.current?.contains(event.target as Node)) onClose()
    }
    document.addEventListener('pointerdown', away, true)
    window.addEventListener('blur', onClose)
    return () => {
      document.removeEventListener('pointerdown', away, true)
      window.removeEventListener('blur', onClose)
      if (opener?.isConnected) opener.focus()
    }
  }, [onClose])

  const onKeyDown = (event: KeyboardEvent): void => {
    // The grid's own arrow keys move between tiles: inside the menu they move between items.
    event.stopPropagation()
    const buttons = [...(menu.current?.querySelectorAll('button') ?? [])]
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const moves: Record<string, number> = {
      ArrowDown: (at + 1) % buttons.length,
      ArrowUp: (at - 1 + buttons.length) % buttons.length,
      Home: 0,
      End: buttons.length - 1
    }
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault()
      onClose()
    } else if (moves[event.key] !== undefined) {
      event.preventDefault()
      buttons[moves[event.key]!]?.focus()
    }
  }

  const left = Math.max(0, Math.min(at.x, window.innerWidth - WIDTH))
  const top = Math.max(0, Math.min(at.y, window.innerHeight - items.length * 32 - 12))
  return createPortal(
    <ul
      ref={menu}
      className="tile-menu"
      role="menu"
      aria-label={label}
      style={{ left, top, minWidth: WIDTH }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((item) => (
        <li key={item.label} role="none">
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => {
              onClose()
              item.onSelect()
            }}
          >
            {item.label}
          </button>
        </li>
      ))}
    </ul>,
    document.body
  )
}
