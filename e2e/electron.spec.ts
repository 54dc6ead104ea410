import { findElectron, test } from './harness/electron-fixture.ts'
import { SCENARIOS } from './scenarios/index.ts'

const electron = findElectron()
test.skip(
  'missing' in electron,
  `Electron binary not installed: ${'missing' in electron ? electron.missing : ''}`
)

for (const scenario of SCENARIOS) {
  test(scenario.title, ({ driver }) => scenario.run(driver))
}
