export { startSimulatedCdn, DEFAULT_CDN_OPTIONS } from './server.ts'
export { EXACT_FROM_BYTES } from './photos.ts'
export type {
  CdnStats,
  Fault,
  ResolvedCdnOptions,
  SimulatedCdn,
  SimulatedCdnOptions
} from './types.ts'
