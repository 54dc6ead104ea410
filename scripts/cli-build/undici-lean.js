// The part of undici the engine uses, for the CLI's bundles (vite.cli.config.ts aliases
// 'undici' here). undici's index.js requires every API it has (fetch, WebSocket,
// EventSource, caches, mocks, SQLite): in a bundle that is code each worker thread compiles
// and keeps. A name the engine imports that is not exported here fails the build.
import Agent from 'undici/lib/dispatcher/agent.js'
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js'
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js'
import errors from 'undici/lib/core/errors.js'
import util from 'undici/lib/core/util.js'
import api from 'undici/lib/api/index.js'
import globals from 'undici/lib/global.js'

// As undici's index.js: a dispatcher has request(), stream() and the other API methods.
Object.assign(Dispatcher.prototype, api)

/** undici's top-level `request(url, options)`, as its index.js makes it (makeDispatcher). */
function request(url, opts) {
  if (!url || (typeof url !== 'string' && typeof url !== 'object')) {
    throw new errors.InvalidArgumentError('invalid url')
  }
  if (opts != null && typeof opts !== 'object') {
    throw new errors.InvalidArgumentError('invalid opts')
  }
  if (!opts) opts = typeof url === 'object' ? url : {}
  let parsed
  if (opts.path != null) {
    const path = opts.path.startsWith('/') ? opts.path : `/${opts.path}`
    parsed = new URL(util.parseOrigin(url).origin + path)
  } else parsed = util.parseURL(url)
  const { agent, dispatcher = globals.getGlobalDispatcher(), ...rest } = opts
  if (agent)
    throw new errors.InvalidArgumentError('unsupported opts.agent. Did you mean opts.client?')
  return api.request.call(dispatcher, {
    ...rest,
    origin: parsed.origin,
    path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname,
    method: opts.method || (opts.body ? 'PUT' : 'GET')
  })
}

export { Agent, Dispatcher, EnvHttpProxyAgent, errors, request }
export const { getGlobalDispatcher, setGlobalDispatcher } = globals
