import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { leanUndiciAlias, leanUndiciPlugins } from './scripts/cli-build/lean-undici.ts'
import { commonJsWorkerThread } from './scripts/cli-build/worker-thread.ts'

export default defineConfig({
  main: {
    // undici is bundled, as the engine's part of it (lean-undici.ts): each worker thread then
    // loads one file instead of undici's 90, and not its fetch, WebSocket, caches or HTTP/2.
    build: {
      externalizeDeps: { exclude: ['undici'] },
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/main/index.ts') }
      }
    },
    resolve: { alias: leanUndiciAlias(import.meta.dirname) },
    // The worker thread (`worker.ts?modulePath` in src/main/index.ts) is built from this config
    // as a build of its own, and as CommonJS: worker-thread.ts says why.
    plugins: [...leanUndiciPlugins(import.meta.dirname), commonJsWorkerThread(import.meta.dirname)]
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') }
      }
    },
    plugins: [react()]
  }
})
