#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=50
import module from 'node:module'

// The shebang starts Node with the CLI's heap options: src/common/heap-options.ts says why each,
// and test/cli/heap-options.test.ts keeps this line equal to its BIN_SHEBANG.

// package.json's engines (test/cli/bin.test.ts keeps them equal). A bin run by its path finds
// the first Node on PATH, which may be older: it says so, not a SyntaxError from a chunk.
const NODE_MAJOR = 24
if (Number(process.versions.node.split('.')[0]) < NODE_MAJOR) {
  console.error(
    `concurrent-image-downloader needs Node ${NODE_MAJOR} or later; this is Node ${process.versions.node}. ` +
      'Run it with npx or npm run, which use the Node the project installs.'
  )
  process.exit(1)
}

// Node keeps the engine's type-stripped, compiled code on disk (in the system's temp
// folder), for this thread and for every worker thread: without it each thread compiles
// the engine and undici anew before its first task.
module.enableCompileCache()
await import('./main.ts')
