import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { DEFAULT_SIMULATED_SOURCE, simulatedTotalProblem } from '../../common/schemas.ts'
import { faultPath } from './faults.ts'
import { createPhotoLibrary } from './library.ts'
import { photoPixelsProblem } from './pixel-limits.ts'
import { sendFault, sendPhoto, sendText, type ResponseContext } from './responses.ts'
import { parseRoute } from './routes.ts'
import type {
  CdnStats,
  Fault,
  ResolvedCdnOptions,
  SimulatedCdn,
  SimulatedCdnOptions
} from './types.ts'

export const DEFAULT_CDN_OPTIONS: ResolvedCdnOptions = { ...DEFAULT_SIMULATED_SOURCE }

/** A loopback image server with latency, bandwidth and faults: see docs/ARCHITECTURE.md. */
export async function startSimulatedCdn(options: SimulatedCdnOptions = {}): Promise<SimulatedCdn> {
  const resolved = resolveOptions(options)
  const { host = '127.0.0.1', port = 0 } = options
  const library = await createPhotoLibrary(
    resolved.count,
    Math.round(resolved.sizeKB * 1024),
    resolved.photoPixels
  )
  const bytesPerSecond = resolved.bandwidthKBps * 1024

  const stats: CdnStats = {
    requests: 0,
    rangeRequests: 0,
    partialAnswers: 0,
    maxInFlight: 0,
    openConnections: 0,
    maxOpenConnections: 0
  }
  const sockets = new Set<Socket>()
  const inFlight = new Set<AbortController>()
  const flakyAttempts = new Map<string, number>()

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++
    if (req.headers.range !== undefined) stats.rangeRequests++
    const controller = new AbortController()
    inFlight.add(controller)
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight.size)
    res.once('close', () => {
      controller.abort()
      inFlight.delete(controller)
    })
    const { signal } = controller
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        await sleep(resolved.latencyMs, undefined, { signal })
        return sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' })
      }
      const route = parseRoute(req.url ?? '/', library.count)
      // Flaky attempts are counted on arrival, so concurrent requests get a stable order.
      let attempt = 0
      if (
        route.kind === 'fault' &&
        (route.fault.kind === 'flaky' || route.fault.kind === 'interrupted')
      ) {
        attempt = (flakyAttempts.get(route.fault.key) ?? 0) + 1
        flakyAttempts.set(route.fault.key, attempt)
      }
      const latency = sleep(resolved.latencyMs, undefined, { signal })
      if (route.kind === 'photo') await Promise.all([latency, library.prepare(route.index)])
      else await latency
      const ctx: ResponseContext = {
        library,
        bytesPerSecond,
        signal,
        headOnly: req.method === 'HEAD',
        headers: req.headers,
        onPartial: () => stats.partialAnswers++
      }
      if (route.kind === 'photo') await sendPhoto(res, ctx, route.index, route.bytes)
      else if (route.kind === 'fault') await sendFault(res, ctx, route.fault, attempt)
      else sendText(res, 404, 'Not Found\n')
    } catch (error) {
      if (signal.aborted) return
      if (!res.headersSent) sendText(res, 500, `Simulated CDN error: ${String(error)}\n`)
      else res.destroy()
    }
  }

  const server = createServer((req, res) => void handle(req, res))
  server.keepAliveTimeout = 10_000
  // Slow bodies are the point here; a stall ends when the client gives up.
  server.requestTimeout = 0
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    stats.openConnections = sockets.size
    stats.maxOpenConnections = Math.max(stats.maxOpenConnections, sockets.size)
    socket.once('close', () => {
      sockets.delete(socket)
      stats.openConnections = sockets.size
    })
  })

  server.listen(port, host)
  await once(server, 'listening')
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('CDN is not on TCP')
  const origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`

  let closing: Promise<void> | undefined
  const photoUrl = (index: number, opts: { bytes?: number } = {}): string => {
    const path = library.path(index)
    if (opts.bytes === undefined) return origin + path
    library.size(index, opts.bytes) // throws on a size that is not a whole number of bytes
    return `${origin}${path}?bytes=${opts.bytes}`
  }

  return {
    origin,
    urls: Array.from({ length: library.count }, (_, index) => photoUrl(index)),
    options: resolved,
    photoUrl,
    faultUrl: (fault: Fault) => {
      if (fault.kind === 'redirect' && fault.to !== undefined) library.path(fault.to)
      return origin + faultPath(fault)
    },
    photoBytes: (index, bytes) => library.bytes(index, bytes),
    photoSize: (index, bytes) => library.size(index, bytes),
    ready: () => library.prepareAll(),
    stats,
    resetStats() {
      stats.requests = 0
      stats.rangeRequests = 0
      stats.partialAnswers = 0
      stats.maxInFlight = inFlight.size
      stats.maxOpenConnections = stats.openConnections
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const controller of inFlight) controller.abort()
        server.closeAllConnections()
        for (const socket of sockets) socket.destroy()
      })
      return closing
    }
  }
}

function resolveOptions(options: SimulatedCdnOptions): ResolvedCdnOptions {
  const resolved: ResolvedCdnOptions = {
    count: options.count ?? DEFAULT_CDN_OPTIONS.count,
    sizeKB: options.sizeKB ?? DEFAULT_CDN_OPTIONS.sizeKB,
    latencyMs: options.latencyMs ?? DEFAULT_CDN_OPTIONS.latencyMs,
    bandwidthKBps: options.bandwidthKBps ?? DEFAULT_CDN_OPTIONS.bandwidthKBps
  }
  if (!Number.isSafeInteger(resolved.count) || resolved.count < 1) {
    throw new RangeError(`count must be a whole number >= 1, not ${resolved.count}`)
  }
  if (!(resolved.sizeKB > 0) || !Number.isSafeInteger(Math.round(resolved.sizeKB * 1024))) {
    throw new RangeError(`sizeKB must be a size > 0, not ${resolved.sizeKB}`)
  }
  const tooLarge = simulatedTotalProblem(resolved)
  if (tooLarge) throw new RangeError(tooLarge)
  if (options.photoPixels) {
    const { width, height } = options.photoPixels
    const problem = photoPixelsProblem({ width, height })
    if (problem) throw new RangeError(problem)
    resolved.photoPixels = { width, height }
  }
  for (const name of ['latencyMs', 'bandwidthKBps'] as const) {
    if (!(resolved[name] >= 0) || !Number.isFinite(resolved[name])) {
      throw new RangeError(`${name} must be a number >= 0, not ${resolved[name]}`)
    }
  }
  return resolved
}
