import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { renderApp } from './helpers/render-app.tsx'

const panel = () => within(screen.getByRole('tabpanel', { name: /^Download images/ }))
const group = () => within(panel().getByRole('group', { name: 'Stalled downloads' }))

describe('The stall setting in the window', () => {
  it('shows the defaults, and saves a new floor and window as the stall setting', async () => {
    const user = userEvent.setup()
    const { api } = await renderApp()
    const speed = group().getByRole('spinbutton', { name: 'Slowest speed' })
    const window = group().getByRole('spinbutton', { name: 'Measured over' })
    expect(speed).toHaveValue(1)
    expect(window).toHaveValue(20)
    expect(group().getByText(/slower than this over 20 s shows “Stalled”/)).toBeVisible()
    await user.clear(speed)
    await user.type(speed, '4')
    await user.clear(window)
    await user.type(window, '30')
    await user.click(panel().getByRole('button', { name: 'Download 15 images' }))
    await waitFor(() => expect(api.startDownload).toHaveBeenCalledTimes(1))
    const saved = vi
      .mocked(api.saveSettings)
      .mock.calls.map(([patch]) => patch.stall)
      .filter(Boolean)
    expect(saved.at(-1)).toEqual({ minSpeedKBps: 4, seconds: 30 })
  })

  it('an invalid window blocks the start and says why; 0 KiB/s turns the guard off', async () => {
    const user = userEvent.setup()
    const { api } = await renderApp({ settings: { stall: { minSpeedKBps: 2, seconds: 15 } } })
    const speed = group().getByRole('spinbutton', { name: 'Slowest speed' })
    const window = group().getByRole('spinbutton', { name: 'Measured over' })
    expect(speed).toHaveValue(2)
    await user.clear(window)
    await user.type(window, '0')
    expect(window).toHaveAttribute('aria-invalid', 'true')
    expect(panel().getByRole('button', { name: 'Download' })).toBeDisabled()
    expect(panel().getByText('Measured over: Between 1 and 3600')).toBeVisible()
    await user.clear(window)
    await user.type(window, '15')
    await user.clear(speed)
    await user.type(speed, '0')
    expect(group().getByText('Off: a slow image is never given up on.')).toBeVisible()
    expect(window).toBeDisabled()
    await user.click(panel().getByRole('button', { name: 'Download 15 images' }))
    await waitFor(() => expect(api.startDownload).toHaveBeenCalledTimes(1))
    const saved = vi
      .mocked(api.saveSettings)
      .mock.calls.map(([patch]) => patch.stall)
      .filter(Boolean)
    expect(saved.at(-1)).toEqual({ minSpeedKBps: 0, seconds: 15 })
  })
})
