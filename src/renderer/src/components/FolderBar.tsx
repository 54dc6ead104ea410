import { shortenPath } from '../state/format.ts'
import { strings } from '../strings/index.ts'

const s = strings.settings.folderBar

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
          {s.saveTo}
        </span>
        <span className="folder-dir" title={dir}>
          <span aria-hidden="true">{shortenPath(dir, 38)}</span>
          <span className="visually-hidden">{dir}</span>
        </span>
      </div>
      <div className="folder-actions">
        <button type="button" className="button" onClick={onChoose} disabled={disabled}>
          {s.change}
        </button>
        <button type="button" className="button" onClick={onOpen}>
          {s.open}
        </button>
      </div>
    </div>
  )
}
