import { test } from './harness/chromium-fixture.ts'
import { SCENARIOS } from './scenarios/index.ts'

for (const scenario of SCENARIOS) {
  test(scenario.title, ({ driver }) => scenario.run(driver))
}
