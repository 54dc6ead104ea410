/**
 * A loopback image CDN for tests, benchmarks and the offline demo:
 *
 *   const cdn = await startSimulatedCdn({ count: 15, latencyMs: 150, bandwidthKBps: 20480 })
 *   await download(cdn.urls)                               // 15 distinct 3.5 MiB JPEGs
 *   await download([cdn.faultUrl({ kind: 'reset' })])      // fails mid-body
 *   await cdn.close()
 *
 * Photos are deterministic JPEGs of exactly the asked size (16 KiB and up; smaller sizes get
 * the smallest base JPEG, a few hundred bytes), streamed in chunks, paced per response after
 * `latencyMs`. They are 640 × 427 px unless `photoPixels` asks for real sizes, such as
 * `{ width: 2400, height: 1600 }` (pixel-photos.ts). Fault routes are described in faults.ts and
 * types.ts.
 */
export { startSimulatedCdn, DEFAULT_CDN_OPTIONS } from './server.ts'
export { EXACT_FROM_BYTES } from './photos.ts'
export { PHOTO_PIXELS_LIMITS, photoPixelsProblem } from './pixel-limits.ts'
export type { PhotoPixels } from './pixel-limits.ts'
export type {
  CdnStats,
  Fault,
  ResolvedCdnOptions,
  SimulatedCdn,
  SimulatedCdnOptions
} from './types.ts'
