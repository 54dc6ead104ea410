import { findElectron, test } from './harness/electron-fixture.ts'
import { quitDuringARunAsksFirst } from './scenarios/desktop.ts'
import { SCENARIOS } from './scenarios/index.ts'

const electron = findElectron()
test.skip(
  'missing' in electron,
  `Electron binary not installed: ${'missing' in electron ? electron.missing : ''}`
)

for (const scenario of SCENARIOS) {
  test(scenario.title, ({ driver }) => scenario.run(driver))
}

// What only the desktop app does (the quit dialog is main's): not in the Chromium harness.
test('quitting during a run asks first, and the cancelled run leaves no partial file', ({
  driver
}) => quitDuringARunAsksFirst(driver))
