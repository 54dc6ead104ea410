#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=50
import { enableCompileCache } from 'node:module'

// The shebang starts Node with the CLI's heap options: src/common/heap-options.ts says why each,
// and test/cli/heap-options.test.ts keeps this line equal to its BIN_SHEBANG.

// Node keeps the engine's type-stripped, compiled code on disk (in the system's temp
// folder), for this thread and for every worker thread: without it each thread compiles
// the engine and undici anew before its first task.
enableCompileCache()
await import('./main.ts')
