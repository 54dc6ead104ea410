// A worker thread that does nothing but say it is ready: what a thread costs before any code
// of ours, for the thread-readiness rows.
import { parentPort } from 'node:worker_threads'

parentPort?.postMessage({ type: 'ready' })
