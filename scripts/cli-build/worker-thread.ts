import { resolve } from 'node:path'
import { build } from 'vite'
import type { InlineConfig, Plugin, Rolldown } from 'vite'

/**
 * How the worker thread's code is built, for the CLI and for the app alike: CommonJS, one entry
 * file and chunks it requires when a task needs them (the download code and undici, the
 * processing code and sharp). A thread then starts as a bare CommonJS worker does: the ESM loader
 * reads and links a graph of files asynchronously and materialises every export of each builtin
 * it imports, about 8-10 ms of each thread's start; `require` does neither, and a chunk is
 * loaded only by the thread whose task needs it. `.cjs`, because the package is "type": "module".
 *
 * Not minified: its stack traces name our files' functions and lines (minifying gained ~3 ms).
 */
export const WORKER_SOURCE = 'src/engine/threads/worker.ts'

/** The output of the worker's build; `chunksDir` is where its chunks go, relative to the output folder. */
export function workerThreadOutput(entryFileName: string, chunksDir = ''): Rolldown.OutputOptions {
  return {
    format: 'cjs',
    entryFileNames: entryFileName,
    chunkFileNames: `${chunksDir}[name]-[hash].cjs`,
    // undici in a chunk of its own, `undici-<hash>.cjs`, required by the download code's: what a
    // thread has loaded then shows by file name (a module hook, a stack trace), and the download
    // chunk is our code alone.
    codeSplitting: { groups: [{ name: 'undici', test: /undici/ }] }
  }
}

/**
 * For the app (electron.vite.config.ts's main config): `src/main/index.ts` imports the worker with
 * `?modulePath`, which electron-vite builds as a build of its own from the main config, with the
 * worker as its only input (and its chunk names for the entry, as `chunks/worker-<hash>`). That
 * build, and only it, is made CommonJS here. The main process's own build stays ESM.
 */
export function commonJsWorkerThread(root: string): Plugin {
  const worker = resolve(root, WORKER_SOURCE)
  return {
    name: 'common-js-worker-thread',
    apply: 'build',
    config(config) {
      const input = config.build?.rolldownOptions?.input
      if (typeof input !== 'string' || resolve(input) !== worker) return null
      return {
        build: {
          rolldownOptions: { output: workerThreadOutput('chunks/[name]-[hash].cjs', 'chunks/') }
        }
      }
    },
    generateBundle(_options, bundle) {
      // The sub-build's output is the only one whose entry is the worker: check it is CommonJS.
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk' || !file.isEntry) continue
        if (file.facadeModuleId !== worker) continue
        if (!file.fileName.endsWith('.cjs'))
          this.error(`the worker thread was built as ${file.fileName}, not as CommonJS (.cjs)`)
      }
    }
  }
}

const WORKER_URL = /new URL\((['"])\.\/worker\.ts\1, import\.meta\.url\)/

/**
 * For the CLI (vite.cli.config.ts): builds the worker thread beside the pool, as `worker.cjs`
 * and its chunks in the CLI's output folder, with the CLI's own resolve and plugins (`thread`,
 * the CLI config less its inputs and output), and rewrites the pool's
 * `new URL('./worker.ts', import.meta.url)` to find it there. The build fails if that line has
 * moved, rather than ship a CLI whose threads cannot start.
 */
export function workerThreadBesidePool(root: string, thread: InlineConfig): Plugin {
  let rewritten = false
  return {
    name: 'worker-thread-beside-pool',
    apply: 'build',
    transform(code, id) {
      if (!id.endsWith('/src/engine/threads/worker-pool.ts')) return null
      if (!WORKER_URL.test(code)) return null
      rewritten = true
      return code.replace(WORKER_URL, "new URL('./worker.cjs', import.meta.url)")
    },
    buildEnd() {
      if (!rewritten) this.error(`worker-pool.ts no longer has ${String(WORKER_URL)}`)
    },
    async generateBundle() {
      const result = await build({
        ...thread,
        configFile: false,
        build: {
          ...thread.build,
          write: false,
          rolldownOptions: {
            ...thread.build?.rolldownOptions,
            input: resolve(root, WORKER_SOURCE),
            output: workerThreadOutput('worker.cjs')
          }
        }
      })
      const outputs = Array.isArray(result) ? result : [result]
      for (const output of outputs) {
        if (!('output' in output)) this.error('the worker thread build gave no output')
        for (const file of output.output) {
          this.emitFile({
            type: 'asset',
            fileName: file.fileName,
            source: file.type === 'chunk' ? file.code : file.source
          })
        }
      }
    }
  }
}
