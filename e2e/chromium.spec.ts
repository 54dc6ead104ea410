import { test } from './harness/chromium-fixture.ts'
import { errorBoundaryRecovers } from './scenarios/error-boundary.ts'
import { SCENARIOS } from './scenarios/index.ts'
import { unsplashSearchAndDownload } from './scenarios/unsplash.ts'

for (const scenario of SCENARIOS) {
  test(scenario.title, ({ driver }) => scenario.run(driver))
}

// Chromium only: it needs the harness's bridge to answer malformed data once.
test('error boundary: a render error shows Reload and the details, which copy and reload', ({
  driver,
  bridge
}) => errorBoundaryRecovers(driver, bridge))

// Chromium only: the harness lets the fake API's loopback thumbnails past the page's CSP.
test('unsplash: paste a key, search, pick 3, download: tracked, credited on disk and on tiles', ({
  driver
}) => unsplashSearchAndDownload(driver))
