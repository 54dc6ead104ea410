import { useId, useRef, useState } from 'react'
import { TUTORIAL_URLS } from '../../../common/defaults.ts'
import type { ParsedUrlList } from '../../../common/url-list.ts'

interface Props {
  text: string
  parsed: ParsedUrlList
  onChange(text: string): void
  disabled?: boolean
}

const SHOWN_PROBLEMS = 6

/** The URL list: paste, edit or import; the count and every invalid line shown as you type. */
export function UrlListEditor({ text, parsed, onChange, disabled = false }: Props) {
  const id = useId()
  const fileInput = useRef<HTMLInputElement>(null)
  const [importError, setImportError] = useState<string | null>(null)
  const { urls, invalid, duplicates } = parsed

  const importFile = (file: File): void => {
    const reader = new FileReader()
    reader.onload = () => {
      setImportError(null)
      onChange(typeof reader.result === 'string' ? reader.result : '')
    }
    reader.onerror = () => setImportError(`Could not read ${file.name}`)
    reader.readAsText(file)
  }

  return (
    <div className="url-editor">
      <div className="field-head">
        <label htmlFor={id}>Image URLs, one a line</label>
        <div className="field-actions">
          <button
            type="button"
            className="link-button"
            disabled={disabled}
            onClick={() => fileInput.current?.click()}
          >
            Import .txt…
          </button>
          <button
            type="button"
            className="link-button"
            disabled={disabled}
            onClick={() => onChange(TUTORIAL_URLS.join('\n'))}
          >
            Tutorial’s 15
          </button>
        </div>
      </div>
      <input
        ref={fileInput}
        type="file"
        accept=".txt,text/plain"
        hidden
        data-testid="url-file"
        onChange={(event) => {
          const file = event.target.files?.[0]
          if (file) importFile(file)
          event.target.value = ''
        }}
      />
      <textarea
        id={id}
        className="url-textarea"
        value={text}
        spellCheck={false}
        wrap="off"
        rows={8}
        disabled={disabled}
        aria-describedby={`${id}-summary`}
        aria-invalid={invalid.length > 0}
        placeholder="https://images.unsplash.com/photo-…"
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={`${id}-summary`} className="url-summary" aria-live="polite">
        <strong>
          {urls.length} {urls.length === 1 ? 'URL' : 'URLs'}
        </strong>{' '}
        to download
        {invalid.length > 0 && (
          <span className="bad">
            {' '}
            · {invalid.length} invalid {invalid.length === 1 ? 'line' : 'lines'} (skipped)
          </span>
        )}
        {duplicates > 0 && (
          <span>
            {' '}
            · {duplicates} {duplicates === 1 ? 'repeat' : 'repeats'} kept once
          </span>
        )}
      </p>
      {invalid.length > 0 && (
        <ul className="url-problems" aria-label="Invalid lines">
          {invalid.slice(0, SHOWN_PROBLEMS).map((line) => (
            <li key={line.line}>
              <span className="line-no">Line {line.line}</span>
              <code title={line.text}>{line.text}</code>
              <span className="why">{line.error}</span>
            </li>
          ))}
          {invalid.length > SHOWN_PROBLEMS && (
            <li className="more">and {invalid.length - SHOWN_PROBLEMS} more</li>
          )}
        </ul>
      )}
      {importError && (
        <p className="hint hint--error" role="alert">
          {importError}
        </p>
      )}
    </div>
  )
}
