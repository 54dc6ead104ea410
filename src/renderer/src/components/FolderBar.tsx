import { shortenPath } from '../state/format.ts'

interface Props {
  dir: string
  onChoose(): void
  onOpen(): void
  disabled?: boolean
}

export function FolderBar({ dir, onChoose, onOpen, disabled = false }: Props) {
  return (
    <div className="folder-bar">
      <div className="folder-path">
        <span className="label" id="folder-label">
          Save to
        </span>
        <span className="folder-dir" title={dir}>
          <span aria-hidden="true">{shortenPath(dir, 38)}</span>
          <span className="visually-hidden">{dir}</span>
        </span>
      </div>
      <div className="folder-actions">
        <button type="button" className="button" onClick={onChoose} disabled={disabled}>
          Change…
        </button>
        <button type="button" className="button" onClick={onOpen}>
          Open folder
        </button>
      </div>
    </div>
  )
}
