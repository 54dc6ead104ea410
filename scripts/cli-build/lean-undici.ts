import { resolve } from 'node:path'
import { minifySync } from 'vite'
import type { Plugin } from 'vite'

/**
 * What the bundles of the CLI and of the app's main process and worker threads take of undici:
 * `undici` is the engine's part of it (undici-lean.js), and undici's HTTP/2 client loads when a
 * connection first negotiates HTTP/2. undici's HTTP/1 client requires its HTTP/2 one at load,
 * and with it `node:http2` and `node:tls`: about 30 ms of each thread's start for connections
 * the engine never makes (it does not enable HTTP/2).
 *
 * `root` is the project's folder, passed by each config as its own `import.meta.dirname`: this
 * module's own `import.meta.dirname` is not to be trusted, because electron-vite bundles a config
 * with what it imports and then reports the config's folder for every module in it.
 */
export function leanUndiciAlias(root: string): { find: RegExp; replacement: string }[] {
  return [{ find: /^undici$/, replacement: resolve(root, 'scripts/cli-build/undici-lean.js') }]
}

export function lazyUndiciHttp2(root: string): Plugin {
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
 * undici's modules minified as they are bundled: every thread compiles (or reads from the compile
 * cache) what it loads, and undici is most of the download thread's code (measured: ~2-3 ms of a
 * download thread's ~40 ms start, as much as minifying the whole bundle gave). Our own code is
 * left as written, so its stack traces keep their names and lines; undici's keep their
 * function and class names (keepNames), only local variables are renamed.
 */
export function minifiedUndici(): Plugin {
  return {
    name: 'minified-undici',
    apply: 'build',
    transform(code, id) {
      if (!id.includes('/node_modules/undici/lib/')) return null
      const result = minifySync(id, code, {
        compress: { keepNames: { function: true, class: true } },
        mangle: { keepNames: true },
        sourcemap: false
      })
      const [error] = result.errors
      if (error) this.error(`minifying ${id}: ${error.message}`)
      return { code: result.code, map: null }
    }
  }
}
