import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { SleepConsole } from '../../src/renderer/src/components/SleepConsole.tsx'
import { render } from '@testing-library/react'
import {
  formatDurations,
  parseDurations,
  SLEEP_PRESETS
} from '../../src/renderer/src/state/sleep-presets.ts'
import { sleepEvents, sleepStarted } from './helpers/events.ts'
import { renderApp } from './helpers/render-app.tsx'

async function openSleepDemo() {
  const app = await renderApp()
  await userEvent.click(screen.getByRole('tab', { name: 'Sleep demo' }))
  const panel = within(screen.getByRole('tabpanel', { name: /^Sleep demo/ }))
  return { ...app, panel }
}

const consoleLines = (): string[] =>
  [...screen.getByRole('log', { name: 'Console' }).querySelectorAll('.console-text')].map(
    (line) => line.textContent ?? ''
  )

describe('Sleep demo', () => {
  it('lists the tutorial’s steps with what the tutorial measured', async () => {
    const { panel } = await openSleepDemo()
    const presets = panel
      .getAllByRole('button', { pressed: false })
      .concat(panel.getAllByRole('button', { pressed: true }))
    expect(presets).toHaveLength(6)
    expect(
      panel.getByRole('button', { name: /Two sleeps, one after another.*tutorial: 2.0 s/ })
    ).toHaveAttribute('aria-pressed', 'true')
    for (const [title, measured] of [
      ['Two threads of 1.5 s', '1.5'],
      ['Ten threads of 1.5 s', '1.51'],
      ['submit two 1 s tasks', '1.01'],
      ['submit 5, 4, 3, 2, 1 with as_completed', '5.0'],
      ['map over 5, 4, 3, 2, 1', '5.01']
    ]) {
      expect(
        panel.getByRole('button', { name: new RegExp(`${title}.*tutorial: ${measured} s`) })
      ).toBeInTheDocument()
    }
  })

  it('runs a preset with map and prints its results in input order', async () => {
    const user = userEvent.setup()
    const { api, emit, panel } = await openSleepDemo()
    await user.click(panel.getByRole('button', { name: /map over 5, 4, 3, 2, 1/ }))
    expect(panel.getByLabelText('Sleeps, in seconds')).toHaveValue('5, 4, 3, 2, 1')
    await user.click(panel.getByRole('button', { name: 'Run' }))
    await waitFor(() =>
      expect(api.startSleep).toHaveBeenCalledWith({
        strategy: 'workers',
        concurrency: 8,
        seconds: [5, 4, 3, 2, 1],
        mode: 'block',
        order: 'submitted'
      })
    )
    act(() =>
      emit([
        sleepStarted([5, 4, 3, 2, 1], { order: 'submitted' }),
        ...sleepEvents('sleep-1', [5, 4, 3, 2, 1], true)
      ])
    )
    expect(consoleLines()).toEqual([
      'Sleeping 5 second(s)...',
      'Sleeping 4 second(s)...',
      'Sleeping 3 second(s)...',
      'Sleeping 2 second(s)...',
      'Sleeping 1 second(s)...',
      'Done Sleeping...5',
      'Done Sleeping...4',
      'Done Sleeping...3',
      'Done Sleeping...2',
      'Done Sleeping...1',
      'Finished in 5.0 second(s)'
    ])
    expect(panel.getByText(/the tutorial measured/)).toHaveTextContent(
      'This run: 5.0 s · the tutorial measured 5.01 s'
    )
    expect(
      panel.getByRole('img', { name: /Timeline of the run: 5 lanes, 5 tasks/ })
    ).toBeInTheDocument()
    // The run began and ended in one batch of events: Run is ready again at once.
    expect(panel.getByRole('button', { name: 'Run' })).toBeEnabled()
  })

  it('prints as_completed results as they finish, live, batch by batch', async () => {
    const user = userEvent.setup()
    const { emit, panel } = await openSleepDemo()
    await user.click(panel.getByRole('button', { name: /as_completed/ }))
    await user.click(panel.getByRole('button', { name: 'Run' }))
    const events = sleepEvents('sleep-1', [5, 4, 3, 2, 1], true)
    act(() => emit([sleepStarted([5, 4, 3, 2, 1]), ...events.slice(0, 6)]))
    expect(consoleLines().at(-1)).toBe('Done Sleeping...1')
    act(() => emit(events.slice(6)))
    expect(consoleLines().slice(5)).toEqual([
      'Done Sleeping...1',
      'Done Sleeping...2',
      'Done Sleeping...3',
      'Done Sleeping...4',
      'Done Sleeping...5',
      'Finished in 5.0 second(s)'
    ])
  })

  it('runs custom sleeps with the chosen strategy, mode and order', async () => {
    const user = userEvent.setup()
    const { api, panel } = await openSleepDemo()
    const durations = panel.getByLabelText('Sleeps, in seconds')
    await user.clear(durations)
    await user.type(durations, '0.3x10')
    await user.click(panel.getByRole('radio', { name: /Promise pool/ }))
    await user.click(panel.getByRole('radio', { name: /Timer/ }))
    await user.click(panel.getByRole('radio', { name: /as_completed/ }))
    expect(panel.getByRole('heading', { name: 'Custom run' })).toBeInTheDocument()
    await user.click(panel.getByRole('button', { name: 'Run' }))
    await waitFor(() =>
      expect(api.startSleep).toHaveBeenCalledWith({
        strategy: 'pool',
        concurrency: 8,
        seconds: Array.from({ length: 10 }, () => 0.3),
        mode: 'timer',
        order: 'completed'
      })
    )
  })

  it('says what is wrong with the durations and will not run them', async () => {
    const user = userEvent.setup()
    const { panel } = await openSleepDemo()
    const durations = panel.getByLabelText('Sleeps, in seconds')
    await user.clear(durations)
    await user.type(durations, '1, two')
    expect(panel.getByText('“two” is not a number of seconds')).toBeInTheDocument()
    expect(panel.getByRole('button', { name: 'Run' })).toBeDisabled()
  })
})

describe('sleep durations', () => {
  it('reads commas, spaces and repeats', () => {
    expect(parseDurations('5, 4 3,2 1')).toEqual({ seconds: [5, 4, 3, 2, 1] })
    expect(parseDurations('1.5x3 2')).toEqual({ seconds: [1.5, 1.5, 1.5, 2] })
    expect(parseDurations('')).toEqual({ error: 'enter at least one duration' })
    expect(parseDurations('61')).toEqual({ error: 'at most 60 seconds per sleep' })
  })

  it('writes a run of equal sleeps as a repeat, and reads back what it writes', () => {
    for (const preset of SLEEP_PRESETS) {
      expect(parseDurations(formatDurations(preset.seconds))).toEqual({ seconds: preset.seconds })
    }
    expect(formatDurations(Array.from({ length: 10 }, () => 1.5))).toBe('1.5x10')
  })
})

describe('SleepConsole', () => {
  it('prints the lines with their times, and invites a run when empty', () => {
    const { rerender } = render(<SleepConsole lines={[]} heading={null} />)
    expect(screen.getByRole('log')).toHaveTextContent('Run a step of the tutorial')
    rerender(
      <SleepConsole
        heading="two sleeps"
        lines={[
          { id: 0, t: 0, text: 'Sleeping 1 second(s)...', tone: 'start' },
          { id: 1, t: 1004, text: 'Done Sleeping...1', tone: 'result' }
        ]}
      />
    )
    expect(screen.getByRole('log')).toHaveTextContent(
      '$ two sleeps0.00Sleeping 1 second(s)...1.00Done Sleeping...1'
    )
  })
})
