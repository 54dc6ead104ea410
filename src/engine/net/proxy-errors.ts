import { isIP } from 'node:net'
import type { ProxySetting } from '../../common/defaults.ts'
import { TaskFailure } from '../task-error.ts'

interface ErrorLike {
  name?: string
  message?: string
  code?: string
  address?: string
  port?: number
  cause?: unknown
}

/** The proxy a request to `url` would use under this setting, ignoring the bypass list. */
function proxyUrlFor(proxy: ProxySetting, url: string): URL | undefined {
  const https = url.startsWith('https:')
  let text: string | undefined
  if (proxy.mode === 'fixed') text = https ? proxy.httpsProxy : proxy.httpProxy
  else if (proxy.mode === 'env') {
    const env = process.env
    const http = env.http_proxy ?? env.HTTP_PROXY
    text = https ? (env.https_proxy ?? env.HTTPS_PROXY ?? http) : http
  }
  if (!text) return undefined
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

/**
 * A failure of the proxy rather than of the image's server, or undefined: undici's
 * own proxy errors (a tunnel the proxy refused, a proxy that asked for a password),
 * or a connection that failed at the proxy's own address. Without this a dead proxy
 * reads as "the server refused the connection", which sends the user to the wrong
 * place. Transient, as a proxy restarting is.
 */
export function proxyFailure(
  error: unknown,
  proxy: ProxySetting,
  url: string
): TaskFailure | undefined {
  const via = proxyUrlFor(proxy, url)
  if (!via) return undefined
  const port = Number(via.port || (via.protocol === 'https:' ? 443 : 80))
  let current = error as ErrorLike | undefined
  for (let depth = 0; current && depth < 5; depth++) {
    const proxyError = /proxy/i.test(current.name ?? '') || /^proxy /i.test(current.message ?? '')
    const atProxy =
      current.port === port &&
      current.address !== undefined &&
      (!isIP(via.hostname) || current.address === via.hostname)
    if (proxyError || atProxy) {
      const reason = current.code ? `${current.code}: ${current.message}` : current.message
      return new TaskFailure('proxy_failed', `the proxy ${via.host} failed: ${reason}`, {
        transient: true,
        cause: error
      })
    }
    current = current.cause as ErrorLike | undefined
  }
  return undefined
}
