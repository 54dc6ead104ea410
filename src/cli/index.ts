#!/usr/bin/env node
import { enableCompileCache } from 'node:module'

// Node keeps the engine's type-stripped, compiled code on disk (in the system's temp
// folder), for this thread and for every worker thread: without it each thread compiles
// the engine and undici anew before its first task.
enableCompileCache()
await import('./main.ts')
