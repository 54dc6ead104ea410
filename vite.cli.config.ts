import { chmod } from 'node:fs/promises'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import type { Plugin } from 'vite'
import { lazyUndiciHttp2, leanUndiciAlias } from './scripts/cli-build/lean-undici.ts'

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
      if (!id.endsWith('/src/engine/threads/worker-pool.ts')) return null
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
 * The bin is written executable. npm marks a bin executable only when it links it (npx links the
 * project once, at its first run), so a later rebuild would otherwise leave `npx
 * concurrent-image-downloader` failing with "Permission denied".
 */
function executableBin(): Plugin {
  return {
    name: 'executable-bin',
    async writeBundle(options) {
      await chmod(resolve(options.dir ?? '', 'index.js'), 0o755)
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
        worker: resolve(root, 'src/engine/threads/worker.ts')
      },
      external: ['sharp'],
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: '[name]-[hash].js'
      }
    }
  },
  resolve: { alias: leanUndiciAlias(root) },
  ssr: { noExternal: true, external: ['sharp'], target: 'node' },
  plugins: [workerEntryBesidePool(), lazyUndiciHttp2(root), executableBin()]
})
