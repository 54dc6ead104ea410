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
  }
  return dispatcher
}

/** Whether a request to `url` goes through a proxy under this setting, for naming failures. */
export function usesProxy(proxy: DownloadLimits['proxy']): boolean {
  if (proxy.mode === 'direct') return false
  if (proxy.mode === 'fixed') return Boolean(proxy.httpProxy || proxy.httpsProxy)
  const env = process.env
  return Boolean(env.http_proxy || env.HTTP_PROXY || env.https_proxy || env.HTTPS_PROXY)
}
