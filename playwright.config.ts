import { defineConfig } from '@playwright/test'
import { CHROMIUM_LAUNCH } from './e2e/harness/chromium-launch.ts'

/**
 * End-to-end tests (e2e/): the same scenarios in two harnesses.
 * - chromium: the built renderer in Debian's Chromium, window.api from the real main logic.
 * - electron: the built app; skipped by name where the Electron binary is not installed.
 * Needs `npm run build` first (out/). Artifacts go to e2e/artifacts/ (git-ignored).
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/artifacts/test-results',
  // Runs start servers, worker threads and a browser: one test at a time on a 2-core machine.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: 'e2e/artifacts/report', open: 'never' }]],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1400, height: 1000 },
    actionTimeout: 10_000
  },
  projects: [
    {
      name: 'chromium',
      testMatch: 'chromium.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: CHROMIUM_LAUNCH
      }
    },
    {
      name: 'electron',
      testMatch: 'electron.spec.ts'
    }
  ]
})
