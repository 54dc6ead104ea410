import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import type { Plugin } from 'vite'

const root = import.meta.dirname
const WORKER_URL = /new URL\((['"])\.\/worker\.ts\1, import\.meta\.url\)/

/**
 * The pool finds its thread's code beside itself: `./worker.ts` under Node from source, the
 * built `worker.js` here (every file of the build is in one folder). The build fails if the
 * line it rewrites has moved, rather than ship a CLI whose threads cannot start.
 */
function workerEntryBesidePool(): Plugin {
  let rewritten = false
  return {
    name: 'worker-entry-beside-pool',
    transform(code, id) {
      if (!id.endsWith('/src/engine/worker-pool.ts')) return null
      if (!WORKER_URL.test(code)) return null
      rewritten = true
      return code.replace(WORKER_URL, "new URL('./worker.js', import.meta.url)")
    },
    buildEnd() {
      if (!rewritten) this.error(`worker-pool.ts no longer has ${String(WORKER_URL)}`)
    }
  }
}

/**
 * undici's HTTP/1 client requires its HTTP/2 one at load, and with it `node:http2` and `node:tls`:
 * about 30 ms of each thread's start for connections the engine never makes (it does not enable
 * HTTP/2). Here client-h2 loads when a connection first negotiates HTTP/2.
 */
function lazyUndiciHttp2(): Plugin {
  const LAZY = '\0lazy-undici-client-h2'
  const real = resolve(root, 'node_modules/undici/lib/dispatcher/client-h2.js')
  return {
    name: 'lazy-undici-http2',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './client-h2.js' && importer?.endsWith('/undici/lib/dispatcher/client.js'))
        return LAZY
      return null
    },
    load(id) {
      if (id !== LAZY) return null
      return [
        'let connectH2',
        'module.exports = function lazyConnectH2(...args) {',
        `  connectH2 ??= require(${JSON.stringify(real)})`,
        '  return connectH2(...args)',
        '}'
      ].join('\n')
    }
  }
}

/**
 * The CLI (`out/cli/index.js`, the package's bin) and its worker thread (`out/cli/worker.js`),
 * each bundled with the code it needs, so that Node neither resolves nor type-strips hundreds of
 * files at start. undici, p-limit and zod are bundled too: undici as one file loads in a third
 * of the time its 90 files take, in every thread. sharp stays outside (a native addon).
 * Commands, undici and sharp load through import(), so each command loads only what it needs.
 */
export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node24',
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: {
        index: resolve(root, 'src/cli/index.ts'),
        worker: resolve(root, 'src/engine/worker.ts')
      },
      external: ['sharp'],
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: '[name]-[hash].js'
      }
    }
  },
  resolve: {
    alias: [{ find: /^undici$/, replacement: resolve(root, 'scripts/cli-build/undici-lean.js') }]
  },
  ssr: { noExternal: true, external: ['sharp'], target: 'node' },
  plugins: [workerEntryBesidePool(), lazyUndiciHttp2()]
})
