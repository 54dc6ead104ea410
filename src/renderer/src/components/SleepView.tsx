import { memo, useId, useState } from 'react'
import type { AppInfo, SleepRequest } from '../../../common/api.ts'
import {
  SLEEP_MODES,
  SLEEP_MODE_LABELS,
  type SleepMode,
  type SleepOrder,
  type Strategy
} from '../../../common/defaults.ts'
import { useApi } from '../api-context.ts'
import type { HistoryStore } from '../hooks/use-history.ts'
import { useViewStart, type ViewStarter } from '../hooks/use-view-start.ts'
import { pythonRound2 } from '../state/format.ts'
import { runName } from '../state/run-name.ts'
import type { RunView } from '../state/run-state.ts'
import {
  formatDurations,
  parseDurations,
  PRESET_MODE,
  SLEEP_PRESETS,
  type SleepPreset
} from '../state/sleep-presets.ts'
import { ConcurrencyField } from './ConcurrencyField.tsx'
import { HistoryCard } from './HistoryCard.tsx'
import { RadioList } from './RadioList.tsx'
import { RunCard } from './RunCard.tsx'
import { RunProgress } from './RunProgress.tsx'
import { RunTimeline } from './RunTimeline.tsx'
import { SleepConsole } from './SleepConsole.tsx'
import { StrategyPicker } from './StrategyPicker.tsx'
import { strings } from '../strings/index.ts'

const s = strings.sleep

interface Props extends ViewStarter {
  run: RunView | null
  busy: boolean
  info: AppInfo | null
  history: HistoryStore
  onCancel(): void
  error: string | null
}

interface Form {
  durations: string
  strategy: Strategy
  /** null: the executor's default pool size. */
  concurrency: number | null
  mode: SleepMode
  order: SleepOrder
}

const FIRST = SLEEP_PRESETS[0]!

function formOf(preset: SleepPreset): Form {
  return {
    durations: formatDurations(preset.seconds),
    strategy: preset.strategy,
    concurrency: preset.concurrency,
    mode: PRESET_MODE,
    order: preset.order
  }
}

function sameForm(a: Form, b: Form): boolean {
  return (
    a.durations === b.durations &&
    a.strategy === b.strategy &&
    a.concurrency === b.concurrency &&
    a.mode === b.mode &&
    a.order === b.order
  )
}

const MODE_OPTIONS = SLEEP_MODES.map((mode) => {
  const [label, note] = SLEEP_MODE_LABELS[mode].split(/:\s*/, 2)
  return { value: mode, label: label ?? mode, note }
})

const ORDER_OPTIONS = [
  { value: 'completed', label: 'as_completed', note: s.asCompletedNote },
  { value: 'submitted', label: 'map', note: s.mapNote }
] as const

/** Memoized: a download's batches do not redraw it. */
export const SleepView = memo(function SleepView({
  run,
  busy,
  info,
  history,
  onStart,
  onCancel,
  registerStart,
  error
}: Props) {
  const api = useApi()
  const id = useId()
  const [form, setForm] = useState<Form>(() => formOf(FIRST))
  const [ran, setRan] = useState<{ preset: SleepPreset | null; heading: string } | null>(null)
  const preset = SLEEP_PRESETS.find((p) => sameForm(formOf(p), form)) ?? null
  const parsed = parseDurations(form.durations)
  const concurrency = form.concurrency ?? info?.defaultConcurrency ?? 1
  const change = (patch: Partial<Form>): void => setForm((f) => ({ ...f, ...patch }))
  const [concurrencyProblem, setConcurrencyProblem] = useState<string | null>(null)
  const blocked =
    'error' in parsed
      ? strings.app.blocked(s.sleepsField, parsed.error)
      : concurrencyProblem
        ? strings.app.blocked(strings.settings.concurrency.label, concurrencyProblem)
        : null

  const canStart = !busy && blocked === null
  const start = useViewStart(
    { onStart, registerStart },
    canStart && 'seconds' in parsed
      ? () => {
          const request: SleepRequest = {
            strategy: form.strategy,
            concurrency: form.strategy === 'sequential' ? 1 : concurrency,
            seconds: parsed.seconds,
            mode: form.mode,
            order: form.order
          }
          setRan({ preset, heading: describeRequest(request, preset) })
          return api.startSleep(request)
        }
      : null
  )

  return (
    <div className="view">
      <aside className="sidebar" aria-label={s.settings} tabIndex={busy ? 0 : undefined}>
        <section className="card" aria-labelledby={`${id}-presets`}>
          <h2 id={`${id}-presets`}>{s.steps}</h2>
          <ul className="presets">
            {SLEEP_PRESETS.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className="preset"
                  aria-pressed={preset?.id === p.id}
                  disabled={busy}
                  onClick={() => setForm(formOf(p))}
                >
                  <span className="preset-title">{p.title}</span>
                  <code className="preset-code" title={p.code}>
                    {p.code}
                  </code>
                  <span className="preset-meta">
                    <span>{p.note}</span>
                    <span className="preset-measured">{s.measured(p.measured)}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby={`${id}-custom`}>
          <h2 id={`${id}-custom`}>{s.yourOwn}</h2>
          <div className="field">
            <label htmlFor={`${id}-durations`}>{s.sleeps}</label>
            <input
              id={`${id}-durations`}
              type="text"
              value={form.durations}
              disabled={busy}
              aria-invalid={'error' in parsed}
              aria-describedby={`${id}-durations-hint`}
              onChange={(event) => change({ durations: event.target.value })}
            />
            <p
              id={`${id}-durations-hint`}
              className={'error' in parsed ? 'hint hint--error' : 'hint'}
            >
              {'error' in parsed ? parsed.error : s.sleepsHint(parsed.seconds.length)}
            </p>
          </div>
          <StrategyPicker
            name={`${id}-strategy`}
            value={form.strategy}
            disabled={busy}
            onChange={(strategy) => change({ strategy })}
          />
          <ConcurrencyField
            value={concurrency}
            strategy={form.strategy}
            info={info}
            disabled={busy}
            onChange={(value) => change({ concurrency: value })}
            onProblem={setConcurrencyProblem}
          />
          <RadioList
            legend={s.mode}
            name={`${id}-mode`}
            value={form.mode}
            options={MODE_OPTIONS}
            disabled={busy}
            onChange={(mode) => change({ mode })}
          />
          <RadioList
            legend={s.readWith}
            name={`${id}-order`}
            value={form.order}
            options={ORDER_OPTIONS}
            disabled={busy}
            onChange={(order) => change({ order })}
          />
        </section>
      </aside>

      <div className="content">
        <RunCard
          titleId={`${id}-run`}
          title={preset ? preset.title : s.custom}
          run={run}
          startLabel={s.run}
          blocked={blocked}
          {...start}
          onCancel={onCancel}
          alert={error}
          announced={s.announced}
        >
          {run ? (
            <>
              <RunProgress run={run} />
              {run.finished && ran?.preset && (
                <p className="measured">
                  {s.thisRun(
                    <strong key="mine">{pythonRound2(run.finished.elapsedMs / 1000)} s</strong>,
                    <strong key="theirs">{ran.preset.measured} s</strong>
                  )}
                </p>
              )}
            </>
          ) : (
            <p className="hint">{s.empty}</p>
          )}
          <SleepConsole lines={run?.console ?? []} heading={run ? (ran?.heading ?? null) : null} />
        </RunCard>
        {run && <RunTimeline run={run} />}
        <HistoryCard history={history.history} kind="sleep" onClear={history.clear} />
      </div>
    </div>
  )
})

function describeRequest(request: SleepRequest, preset: SleepPreset | null): string {
  const how = runName(request)
  const what = preset ? preset.title : s.customHeading(formatDurations(request.seconds))
  return `${what} · ${how} · ${request.mode} · ${request.order === 'completed' ? 'as_completed' : 'map'}`
}
