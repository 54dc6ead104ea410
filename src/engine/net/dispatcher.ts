import { Agent, EnvHttpProxyAgent } from 'undici'
import type { Dispatcher } from 'undici'
import type { DownloadLimits } from '../../common/defaults.ts'

type NetworkLimits = Pick<
  DownloadLimits,
  'connectTimeoutMs' | 'headersTimeoutMs' | 'bodyTimeoutMs' | 'perHostConnections' | 'proxy'
>

/**
 * One dispatcher per thread and network setting, reused across tasks so that
 * connections are kept alive. A thread builds its own from the task's data.
 */
const dispatchers = new Map<string, Dispatcher>()
const MAX_DISPATCHERS = 8

export function dispatcherFor(limits: NetworkLimits): Dispatcher {
  const { connectTimeoutMs, headersTimeoutMs, bodyTimeoutMs, perHostConnections, proxy } = limits
  const key = JSON.stringify([
    connectTimeoutMs,
    headersTimeoutMs,
    bodyTimeoutMs,
    perHostConnections,
    proxy
  ])
  let dispatcher = dispatchers.get(key)
  if (!dispatcher) {
    const options: Agent.Options = {
      connect: { timeout: connectTimeoutMs },
      headersTimeout: headersTimeoutMs,
      bodyTimeout: bodyTimeoutMs,
      // undici's Agent keeps one Pool per origin; `connections` caps each pool's sockets.
      ...(perHostConnections > 0 && { connections: perHostConnections })
    }
    switch (proxy.mode) {
      case 'direct':
        dispatcher = new Agent(options)
        break
      case 'env':
        // Reads HTTP_PROXY, HTTPS_PROXY and NO_PROXY (and their lower-case forms). Loopback is
        // not special: 127.0.0.1 goes through the proxy unless NO_PROXY names it.
        dispatcher = new EnvHttpProxyAgent(options)
        break
      case 'fixed':
        // Empty strings, not undefined: undefined would fall back to the environment.
        dispatcher = new EnvHttpProxyAgent({
          ...options,
          httpProxy: proxy.httpProxy,
          httpsProxy: proxy.httpsProxy,
          noProxy: proxy.noProxy
        })
        break
    }
    dispatchers.set(key, dispatcher)
    // The app's runs can each bring a bypass list of their own: the oldest settings are let go,
    // closing when their requests end, so a long-lived thread does not keep every pool forever.
    for (const [oldKey, old] of dispatchers) {
      if (dispatchers.size <= MAX_DISPATCHERS) break
      dispatchers.delete(oldKey)
      void old.close().catch(() => undefined)
    }
  }
  return dispatcher
}
