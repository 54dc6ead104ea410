import { useId, useRef, useState, type DragEvent } from 'react'
import { TUTORIAL_URLS } from '../../../common/defaults.ts'
import type { ParsedUrlList } from '../../../common/url-list.ts'
import { appendLines, canTakeDrop, readDrop } from '../state/url-drop.ts'
import { lineRange, withoutLines } from '../state/url-text.ts'
import { strings } from '../strings/index.ts'

const s = strings.settings.urls

interface Props {
  text: string
  parsed: ParsedUrlList
  onChange(text: string): void
  disabled?: boolean
}

const SHOWN_PROBLEMS = 6

/**
 * The URL list: paste, edit or import; the count and every invalid line shown
 * as you type. Long lines wrap; the numbers in the gutter are the lines the
 * problems name, and a click on a problem selects its line. A dropped .txt,
 * link or text is added after the last line.
 */
export function UrlListEditor({ text, parsed, onChange, disabled = false }: Props) {
  const id = useId()
  const fileInput = useRef<HTMLInputElement>(null)
  const area = useRef<HTMLTextAreaElement>(null)
  const gutter = useRef<HTMLDivElement>(null)
  const [importError, setImportError] = useState<string | null>(null)
  const [showAll, setShowAll] = useState(false)
  const [dropping, setDropping] = useState(false)
  const { urls, invalid, duplicates } = parsed
  const lines = text.split(/\r\n|[\r\n\u2028\u2029]/)
  const bad = new Set(invalid.map((l) => l.line))

  const importFile = (file: File): void => {
    const reader = new FileReader()
    reader.onload = () => {
      setImportError(null)
      onChange(typeof reader.result === 'string' ? reader.result : '')
    }
    reader.onerror = () => setImportError(strings.errors.drop.unreadable(file.name))
    reader.readAsText(file)
  }

  // The box takes the drop itself: the textarea would insert text at the pointer, and not read files.
  const onDragOver = (event: DragEvent): void => {
    if (disabled || !canTakeDrop(event.dataTransfer.types)) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
    setDropping(true)
  }
  const onDrop = (event: DragEvent): void => {
    setDropping(false)
    if (disabled) return
    event.preventDefault()
    void readDrop(event.dataTransfer).then((result) => {
      setImportError(result.ok ? null : result.error)
      if (result.ok) onChange(appendLines(text, result.text))
    })
  }

  const selectLine = (line: number): void => {
    const textarea = area.current
    if (!textarea) return
    const [start, end] = lineRange(text, line)
    textarea.focus()
    textarea.setSelectionRange(start, end)
    // The line's place in the wrapped text, from its twin in the gutter.
    const row = gutter.current?.children[line - 1] as HTMLElement | undefined
    if (row) textarea.scrollTop = Math.max(0, row.offsetTop - textarea.clientHeight / 3)
  }

  const shown = showAll ? invalid : invalid.slice(0, SHOWN_PROBLEMS)

  return (
    <div className="url-editor">
      <div className="field-head">
        <label htmlFor={id}>{s.label}</label>
        <div className="field-actions">
          <button
            type="button"
            className="link-button"
            disabled={disabled}
            onClick={() => fileInput.current?.click()}
          >
            {s.importTxt}
          </button>
          <button
            type="button"
            className="link-button"
            disabled={disabled}
            onClick={() => onChange(TUTORIAL_URLS.join('\n'))}
          >
            {s.tutorial}
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
      <div
        className={`url-box ${disabled ? 'url-box--disabled' : ''} ${dropping ? 'url-box--drop' : ''}`}
        data-testid="url-drop"
        onDragOver={onDragOver}
        onDragLeave={() => setDropping(false)}
        onDrop={onDrop}
      >
        {/* The text again, each line numbered, wrapped as the textarea wraps it, behind it. */}
        <div ref={gutter} className="url-backdrop" aria-hidden="true">
          {lines.map((line, index) => (
            <div key={index} className={bad.has(index + 1) ? 'url-line url-line--bad' : 'url-line'}>
              {line || ' '}
            </div>
          ))}
        </div>
        <textarea
          ref={area}
          id={id}
          className="url-textarea"
          value={text}
          spellCheck={false}
          rows={8}
          disabled={disabled}
          aria-describedby={`${id}-summary`}
          aria-invalid={invalid.length > 0}
          placeholder={s.placeholder}
          onChange={(event) => onChange(event.target.value)}
          onScroll={(event) => {
            if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop
          }}
        />
      </div>
      <p id={`${id}-summary`} className="url-summary" aria-live="polite">
        <strong>{s.count(urls.length)}</strong>
        {s.toDownload}
        {invalid.length > 0 && <span className="bad">{s.invalid(invalid.length)}</span>}
        {duplicates > 0 && <span>{s.repeats(duplicates)}</span>}
      </p>
      {invalid.length > 0 && (
        <div className="url-problems">
          <ul aria-label={s.invalidLines}>
            {shown.map((line) => (
              <li key={line.line}>
                <button
                  type="button"
                  className="url-problem"
                  disabled={disabled}
                  onClick={() => selectLine(line.line)}
                  title={s.selectLine}
                >
                  <span className="line-no">{s.line(line.line)}</span>
                  <code>{line.text}</code>
                  <span className="why">{line.error}</span>
                </button>
              </li>
            ))}
          </ul>
          <div className="url-problems-actions">
            {invalid.length > SHOWN_PROBLEMS && (
              <button
                type="button"
                className="link-button"
                aria-expanded={showAll}
                onClick={() => setShowAll((v) => !v)}
              >
                {showAll ? s.showFewer : s.andMore(invalid.length - SHOWN_PROBLEMS)}
              </button>
            )}
            <button
              type="button"
              className="link-button"
              disabled={disabled}
              onClick={() => onChange(withoutLines(text, bad))}
            >
              {s.removeInvalid(invalid.length)}
            </button>
          </div>
        </div>
      )}
      {importError && (
        <p className="hint hint--error" role="alert">
          {importError}
        </p>
      )}
    </div>
  )
}
