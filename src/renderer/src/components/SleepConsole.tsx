import { useEffect, useRef } from 'react'
import type { ConsoleLine } from '../state/run-state.ts'
import { formatNumber } from '../state/format.ts'
import { strings } from '../strings/index.ts'

interface Props {
  lines: readonly ConsoleLine[]
  /** The command line shown above the output. */
  heading: string | null
}

/** The tutorial's printout, line by line as it happens, with the time of each in the gutter. */
export function SleepConsole({ lines, heading }: Props) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = ref.current
    if (element) element.scrollTop = element.scrollHeight
  }, [lines])
  return (
    <div
      ref={ref}
      className="console"
      role="log"
      aria-label={strings.sleep.console}
      aria-live="polite"
      tabIndex={0}
    >
      {heading && <div className="console-heading">$ {heading}</div>}
      {lines.length === 0 && !heading && (
        <div className="console-empty">{strings.sleep.consoleEmpty}</div>
      )}
      {lines.map((line) => (
        <div key={line.id} className={`console-line console-line--${line.tone}`}>
          <span className="console-time" aria-hidden="true">
            {formatNumber(line.t / 1000, 2)}
          </span>
          <span className="console-text">{line.text}</span>
        </div>
      ))}
    </div>
  )
}
