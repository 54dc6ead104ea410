// bare-worker.mjs as CommonJS, the download thread's own module format (worker.cjs): what a
// thread costs before any code of ours when no ESM loader starts either.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS thread, on purpose
const { parentPort } = require('node:worker_threads')

parentPort?.postMessage({ type: 'ready' })
