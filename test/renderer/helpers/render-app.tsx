import { act, render, screen } from '@testing-library/react'
import { App } from '../../../src/renderer/src/App.tsx'
import { ApiProvider } from '../../../src/renderer/src/ApiProvider.tsx'
import { createTestApi } from './test-api.ts'

/** The whole window on an in-memory API, once its settings have loaded. */
export async function renderApp(options: Parameters<typeof createTestApi>[0] = {}) {
  const test = createTestApi(options)
  const result = render(
    <ApiProvider api={test.api}>
      <App />
    </ApiProvider>
  )
  await screen.findByRole('button', { name: /^Download \d+ image/ })
  // The URL count follows the text as a deferred value: let it catch up.
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)))
  return { ...test, ...result }
}
