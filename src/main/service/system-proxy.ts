import type { ProxySetting } from '../../common/defaults.ts'

/**
 * The system's proxy for a URL, as Chromium resolves it (Electron's
 * `session.resolveProxy`): a PAC-style answer such as `PROXY host:8080; DIRECT`.
 */
export interface ProxyPort {
  resolve(url: string): Promise<string>
}

/** Origins asked about per run; a list rarely spans more hosts, and each answer is a round trip. */
const MAX_ORIGINS = 32

/**
 * The first entry of a PAC answer that undici can use, as a proxy URL, or null for
 * DIRECT. `PROXY` and `HTTPS` entries are HTTP(S) proxies; SOCKS entries are passed
 * over for the next one (engine/net/dispatcher.ts speaks HTTP proxies only), and an
 * answer with nothing usable goes direct, as Chromium itself would try last.
 */
export function proxyFromPac(answer: string): string | null {
  for (const entry of answer.split(';')) {
    const [kind = '', hostPort] = entry.trim().split(/\s+/)
    const type = kind.toUpperCase()
    if (type === 'DIRECT') return null
    if ((type === 'PROXY' || type === 'HTTPS') && hostPort && /^[\w.\-[\]:]+$/.test(hostPort)) {
      return `${type === 'HTTPS' ? 'https' : 'http'}://${hostPort}`
    }
  }
  return null
}

/**
 * The proxy setting of a run: the system's answer for each origin of its URLs,
 * turned into data a worker thread can build a dispatcher from. The first proxy
 * found carries every origin but those the system sends direct, which go in the
 * bypass list; an origin reached only by a redirect goes through that proxy too.
 * A failed lookup counts as DIRECT, so the run goes on as it did before proxies.
 */
export async function systemProxySetting(
  urls: readonly string[],
  port: ProxyPort | undefined,
  log: (message: string) => void = () => undefined
): Promise<ProxySetting> {
  if (!port) return { mode: 'direct' }
  const origins: URL[] = []
  const seen = new Set<string>()
  for (const text of urls) {
    let url: URL
    try {
      url = new URL(text)
    } catch {
      continue
    }
    if (seen.has(url.origin)) continue
    seen.add(url.origin)
    origins.push(url)
    if (origins.length >= MAX_ORIGINS) break
  }
  const answers = await Promise.all(
    origins.map((url) =>
      port.resolve(url.href).then(proxyFromPac, (error: unknown) => {
        log(`proxy lookup for ${url.origin} failed, going direct: ${String(error)}`)
        return null
      })
    )
  )
  const proxy = answers.find((answer): answer is string => answer !== null)
  if (!proxy) return { mode: 'direct' }
  const others = new Set(answers.filter((answer) => answer !== null && answer !== proxy))
  if (others.size > 0) log(`the system names several proxies; this run uses ${proxy} for all`)
  const direct = origins.filter((_, i) => answers[i] === null).map((url) => url.host)
  return { mode: 'fixed', httpProxy: proxy, httpsProxy: proxy, noProxy: direct.join(',') }
}
