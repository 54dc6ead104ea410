import type { PhotoPixels } from './pixel-limits.ts'

export interface SimulatedCdnOptions {
  /** Number of distinct photos. Default 15, as in the tutorial. */
  count?: number
  /** Size of each photo in KiB (1024 bytes). Default 3584 (3.5 MiB, near the tutorial's originals). */
  sizeKB?: number
  /** Delay before the response headers, for every request. Default 150. */
  latencyMs?: number
  /** Bandwidth of each connection in KiB/s; 0 means unlimited. Default 20480 (20 MiB/s). */
  bandwidthKBps?: number
  /**
   * Photos of this size in pixels (2400 × 1600 and up, as Unsplash's originals), for processing
   * them: each is encoded once at the best JPEG quality that fits `sizeKB`, with a sensor's grain.
   * When absent, photos are small (640 × 427), quick to make for any count. The CDN does not start
   * when a photo of these pixels cannot be as small as `sizeKB` (the error names the size needed).
   */
  photoPixels?: PhotoPixels
  /** Default '127.0.0.1'. */
  host?: string
  /** Default 0: any free port. */
  port?: number
}

export type ResolvedCdnOptions = Required<
  Omit<SimulatedCdnOptions, 'host' | 'port' | 'photoPixels'>
> &
  Pick<SimulatedCdnOptions, 'photoPixels'>

export interface CdnStats {
  requests: number
  /** Requests that carried a Range header. */
  rangeRequests: number
  /** Answers of 206 Partial Content. */
  partialAnswers: number
  /** Most requests being answered at once (a connection kept alive between requests does not count). */
  maxInFlight: number
  openConnections: number
  maxOpenConnections: number
}

export interface SimulatedCdn {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string
  /** One URL per photo, in order, like `http://127.0.0.1:PORT/photos/photo-0001-1a2b3c4d`. */
  readonly urls: string[]
  readonly options: ResolvedCdnOptions
  /** A photo, optionally of another exact byte size (say 1 GiB for a memory benchmark). */
  photoUrl(index: number, opts?: { bytes?: number }): string
  faultUrl(fault: Fault): string
  /**
   * Resolves once every photo can be read with photoBytes and photoSize. The CDN prepares its first
   * 100 photos before it starts and the others on their first request; this prepares them all.
   */
  ready(): Promise<void>
  /** Exactly the bytes served for that photo; only for sizes under 256 MiB. */
  photoBytes(index: number, bytes?: number): Buffer
  photoSize(index: number, bytes?: number): number
  readonly stats: CdnStats
  resetStats(): void
  /** Stops listening and destroys open sockets at once, stalled responses included. */
  close(): Promise<void>
}

/**
 * What a fault route does. Photo bytes in a fault are photo 0's at the CDN's size. `afterBytes`
 * defaults to half the photo, at most 64 KiB.
 */
export type Fault =
  /** That status with a small text body, and Retry-After (seconds) if given. */
  | { kind: 'status'; code: number; retryAfter?: number }
  /** Headers with the full Content-Length and `afterBytes` of the photo, then a TCP reset. */
  | { kind: 'reset'; afterBytes?: number }
  /** Headers and `afterBytes` of the photo, then nothing until the client gives up. */
  | { kind: 'stall'; afterBytes?: number }
  /** The full Content-Length, but the body ends cleanly after `afterBytes` and the socket closes. */
  | { kind: 'truncate'; afterBytes?: number }
  /** 200 with Content-Type text/html and a small page. */
  | { kind: 'html' }
  /** `hops` 302 redirects (relative Location), then photo `to` (default 0). */
  | { kind: 'redirect'; hops: number; to?: number }
  /** The first `failures` requests for `key` get `status` (default 503), the next ones the photo. */
  | { kind: 'flaky'; failures: number; key: string; status?: number; retryAfter?: number }
  /** Photo 0 with its full Content-Length, at `bytesPerSecond` (a body that never stops, barely moving). */
  | { kind: 'trickle'; bytesPerSecond: number }
  /**
   * Photo 0, for resuming: the first `failures` requests for `key` send `afterBytes` from where
   * they were asked to start, then the connection closes; the next ones send the rest. `validator` picks
   * what the photo carries (default `etag`: an ETag and Last-Modified; `date`: Last-Modified
   * only; `none`). `range`: `honour` (default) answers a Range with 206, `ignore` always sends
   * the whole photo with 200, `wrong` answers 206 with bytes from 0 whatever was asked.
   */
  | {
      kind: 'interrupted'
      key: string
      failures: number
      afterBytes?: number
      validator?: 'etag' | 'date' | 'none'
      range?: 'honour' | 'ignore' | 'wrong'
      /**
       * Paces the attempts that are cut. Bytes that arrive together with the close can be
       * dropped by the client before it reads them (undici discards a body's buffer when the
       * socket closes early), so a test that needs them to land gives them time.
       */
      bytesPerSecond?: number
    }
