import { test } from './harness/chromium-fixture.ts'
import { errorBoundaryRecovers } from './scenarios/error-boundary.ts'
import { SCENARIOS } from './scenarios/index.ts'

for (const scenario of SCENARIOS) {
  test(scenario.title, ({ driver }) => scenario.run(driver))
}

// Chromium only: it needs the harness's bridge to answer malformed data once.
test('error boundary: a render error shows Reload and the details, which copy and reload', ({
  driver,
  bridge
}) => errorBoundaryRecovers(driver, bridge))
