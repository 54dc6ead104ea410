import type { TaskView } from '../state/run-state.ts'
import { strings } from '../strings/index.ts'

const s = strings.run.tiles

/** All tiles or just the failed ones, once a run has failures. */
export function TileFilter({
  tasks,
  failedOnly,
  onChange
}: {
  tasks: readonly TaskView[]
  failedOnly: boolean
  onChange(failedOnly: boolean): void
}) {
  const failed = tasks.filter((t) => t.status === 'failed').length
  return (
    <fieldset className="segmented segmented--small tile-filter">
      <legend className="visually-hidden">{s.show}</legend>
      <label>
        <input
          type="radio"
          name="tile-filter"
          checked={!failedOnly}
          onChange={() => onChange(false)}
        />
        <span>{s.all(tasks.length)}</span>
      </label>
      <label>
        <input
          type="radio"
          name="tile-filter"
          checked={failedOnly}
          onChange={() => onChange(true)}
        />
        <span>{s.failed(failed)}</span>
      </label>
    </fieldset>
  )
}
