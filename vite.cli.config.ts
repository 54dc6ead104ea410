import { chmod } from 'node:fs/promises'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import type { InlineConfig, Plugin } from 'vite'
import { leanUndiciAlias, leanUndiciPlugins } from './scripts/cli-build/lean-undici.ts'
import { workerThreadBesidePool } from './scripts/cli-build/worker-thread.ts'

const root = import.meta.dirname
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
 * What the CLI's build and its worker thread's build share: undici, p-limit and zod are bundled
 * too (undici as one file loads in a third of the time its 90 files take, in every thread), and
 * sharp stays outside (a native addon).
 */
const shared = {
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node24',
    minify: false,
    sourcemap: false,
    rolldownOptions: { external: ['sharp'] }
  },
  resolve: { alias: leanUndiciAlias(root) },
  ssr: { noExternal: true, external: ['sharp'], target: 'node' },
  plugins: leanUndiciPlugins(root)
} satisfies InlineConfig

/**
 * The CLI (`out/cli/index.js`, the package's bin), bundled with the code it needs, so that Node
 * neither resolves nor type-strips hundreds of files at start. Commands, undici and sharp load
 * through import(), so each command loads only what it needs. Its worker thread is built beside
 * it as CommonJS (`out/cli/worker.cjs`, worker-thread.ts says why).
 */
export default defineConfig({
  ...shared,
  build: {
    ...shared.build,
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    rolldownOptions: {
      ...shared.build.rolldownOptions,
      input: { index: resolve(root, 'src/cli/index.ts') },
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: '[name]-[hash].js'
      }
    }
  },
  plugins: [...shared.plugins, workerThreadBesidePool(root, shared), executableBin()]
})
