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
 * undici's `require('node:assert')`, as a function that loads node:assert only when an assertion
 * fails. undici checks its own invariants with `assert(value)` everywhere, so each thread loaded
 * node:assert and what it brings (its diff, colours, call tracker: ~1.5 ms of a thread's CPU)
 * for errors that do not happen. A failing assertion still throws node:assert's own
 * AssertionError. undici calls only `assert(value[, message])`: the build fails if one of its
 * modules calls a method of it (`assert.strictEqual(...)`), which this function does not have.
 */
export function lazyUndiciAssert(): Plugin {
  const REQUIRE = "const assert = require('node:assert')"
  const LAZY =
    'const assert = function assert(value, message) { ' +
    "if (!value) process.getBuiltinModule('node:assert')(value, message) }"
  return {
    name: 'lazy-undici-assert',
    enforce: 'pre',
    // A rewrite of each module's own line, not a resolveId: electron-vite marks `node:*`
    // external before any plugin resolves it.
    transform(code, id) {
      if (!id.includes('/node_modules/undici/')) return null
      const method = /\bassert\.([A-Za-z]+)\(/.exec(code)
      if (method) this.error(`${id} calls assert.${method[1]}(), which lazyUndiciAssert lacks`)
      const lazy = code.replaceAll(REQUIRE, LAZY)
      if (/require\(['"](node:)?assert['"]\)/.test(lazy))
        this.error(`${id} requires node:assert otherwise than as \`${REQUIRE}\``)
      return lazy === code ? null : { code: lazy, map: null }
    }
  }
}

/** What the bundles take of undici: its HTTP/2 client and node:assert on use, minified. */
export function leanUndiciPlugins(root: string): Plugin[] {
  return [lazyUndiciHttp2(root), lazyUndiciAssert(), minifiedUndici()]
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
