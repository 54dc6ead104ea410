import { vi } from 'vitest'
import type { AppApi, AppInfo, MenuCommand, RunRecord, Settings } from '../../../src/common/api.ts'
import { TUTORIAL_URLS } from '../../../src/common/defaults.ts'
import type { RunEvent } from '../../../src/common/events.ts'
import type { UnsplashStatus } from '../../../src/common/unsplash.ts'

export const testSettings: Settings = {
  outputDir: '/home/ada/Pictures/Downloader',
  strategy: 'workers',
  concurrency: 8,
  sourceKind: 'urls',
  urls: [...TUTORIAL_URLS],
  imageSize: 'original',
  simulated: { count: 15, sizeKB: 3584, latencyMs: 150, bandwidthKBps: 20480 },
  existing: 'keep'
}

const noUnsplashKey: UnsplashStatus = {
  key: null,
  canSaveKey: true,
  apiUrl: 'https://api.unsplash.com',
  rateLimit: null
}

export const testInfo: AppInfo = {
  version: '0.1.0',
  platform: 'linux',
  cpuCount: 4,
  defaultConcurrency: 8
}

export interface TestApi {
  api: AppApi
  /** Sends a batch of events to the window, as main would. */
  emit(batch: RunEvent[]): void
  /** Uses an item of the application menu. */
  menu(command: MenuCommand): void
  history: RunRecord[]
}

/** An in-memory AppApi for component tests; every call is a vi.fn to assert on. */
export function createTestApi(
  options: {
    settings?: Partial<Settings>
    history?: RunRecord[]
    notices?: string[]
    /** What getCurrentRun answers: the events of a run going on when the window loads. */
    currentRun?: RunEvent[]
  } = {}
): TestApi {
  const listeners = new Set<(batch: RunEvent[]) => void>()
  const menuListeners = new Set<(command: MenuCommand) => void>()
  const history = options.history ?? []
  let settings: Settings = { ...testSettings, ...options.settings }
  const api: AppApi = {
    getAppInfo: vi.fn(async () => testInfo),
    getSettings: vi.fn(async () => settings),
    saveSettings: vi.fn(async (patch) => {
      settings = { ...settings, ...patch }
      return { ok: true as const, value: settings }
    }),
    startDownload: vi.fn(async () => ({ ok: true as const, value: { runId: 'run-1' } })),
    startSleep: vi.fn(async () => ({ ok: true as const, value: { runId: 'sleep-1' } })),
    startProcess: vi.fn(async () => ({ ok: true as const, value: { runId: 'process-1' } })),
    startPipeline: vi.fn(async () => ({ ok: true as const, value: { runId: 'pipeline-1' } })),
    cancelRun: vi.fn(async () => true),
    onRunEvents: vi.fn((listener: (batch: RunEvent[]) => void) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    }),
    getHistory: vi.fn(async () => history),
    clearHistory: vi.fn(async () => {
      history.length = 0
    }),
    resumeRun: vi.fn(async () => ({ ok: true as const, value: { runId: 'resumed-1' } })),
    chooseFolder: vi.fn(async () => ({ ok: true as const, value: '/home/ada/Desktop/photos' })),
    openFolder: vi.fn(async () => ({ ok: true as const, value: undefined })),
    showInFolder: vi.fn(async () => ({ ok: true as const, value: undefined })),
    openImage: vi.fn(async () => ({ ok: true as const, value: undefined })),
    getNotices: vi.fn(async () => options.notices ?? []),
    getCurrentRun: vi.fn(async () => options.currentRun ?? []),
    reportError: vi.fn(async () => ({ ok: true as const, value: undefined })),
    startDrag: vi.fn(async () => ({ ok: true as const, value: undefined })),
    getUnsplashStatus: vi.fn(async () => noUnsplashKey),
    setUnsplashKey: vi.fn(async () => ({ ok: true as const, value: noUnsplashKey })),
    setUnsplashApiUrl: vi.fn(async () => ({ ok: true as const, value: noUnsplashKey })),
    searchUnsplash: vi.fn(async () => ({ ok: false as const, error: 'no Unsplash access key' })),
    openUnsplashLink: vi.fn(async () => ({ ok: true as const, value: undefined })),
    onMenuCommand: vi.fn((listener: (command: MenuCommand) => void) => {
      menuListeners.add(listener)
      return () => void menuListeners.delete(listener)
    })
  }
  return {
    api,
    emit: (batch) => listeners.forEach((l) => l(batch)),
    menu: (command) => menuListeners.forEach((l) => l(command)),
    history
  }
}
