import { join } from 'node:path'
import type { RunEvent } from '../../src/common/events.ts'
import type { DownloadRequest } from '../../src/common/schemas.ts'
import { createAppService } from '../../src/main/service/app-service.ts'
import type { AppService, AppServiceOptions } from '../../src/main/service/app-service.ts'
import type { RunEnded } from '../../src/main/service/runs/run-controller.ts'
import { recordingShell, scriptedDialog, tempDir, until } from './helpers.ts'

export interface ServiceUnderTest {
  service: AppService
  root: string
  userDataDir: string
  cacheDir: string
  outputDir: string
  shell: ReturnType<typeof recordingShell>
  dialog: ReturnType<typeof scriptedDialog>
  batches: { at: number; events: RunEvent[] }[]
  events: () => RunEvent[]
  progress: { fraction: number | null; ended?: RunEnded }[]
  /** Resolves with the run-finished event of the run. */
  finished: (runId: string) => Promise<RunEvent>
  reopen: (overrides?: Partial<AppServiceOptions>) => Promise<AppService>
}

const opened: AppService[] = []

export async function disposeAll(): Promise<void> {
  await Promise.all(opened.splice(0).map((service) => service.dispose()))
}

export async function openService(
  overrides: Partial<AppServiceOptions> & { root?: string } = {}
): Promise<ServiceUnderTest> {
  const root = overrides.root ?? (await tempDir())
  const userDataDir = join(root, 'user-data')
  const cacheDir = join(root, 'cache')
  const outputDir = join(root, 'Pictures', 'Concurrent Image Downloader')
  const shell = recordingShell()
  const dialog = scriptedDialog(join(root, 'chosen'))
  const batches: ServiceUnderTest['batches'] = []
  const progress: ServiceUnderTest['progress'] = []
  const options = (more: Partial<AppServiceOptions> = {}): AppServiceOptions => ({
    userDataDir,
    cacheDir,
    defaultOutputDir: outputDir,
    appVersion: '0.1.0-test',
    cpuCount: 2,
    platform: 'linux',
    thumbnailUrl: (rel) => `http://127.0.0.1:9/thumbnails/${rel}`,
    shell,
    dialog,
    onRunProgress: (fraction, ended) => progress.push({ fraction, ended }),
    log: () => undefined,
    ...overrides,
    ...more
  })
  const service = await createAppService(options())
  opened.push(service)
  service.onRunEvents((events) => batches.push({ at: performance.now(), events }))
  const events = (): RunEvent[] => batches.flatMap((b) => b.events)
  return {
    service,
    root,
    userDataDir,
    cacheDir,
    outputDir,
    shell,
    dialog,
    batches,
    events,
    progress,
    async finished(runId) {
      let found: RunEvent | undefined
      await until(() => {
        found = events().find((e) => e.type === 'run-finished' && e.runId === runId)
        return found !== undefined
      }, 25_000)
      return found!
    },
    async reopen(more) {
      const again = await createAppService(options(more))
      opened.push(again)
      return again
    }
  }
}

/** Six photos of 64 KiB from the simulated CDN, three lanes of the pool: a quick real run. */
export const SIX_SMALL_PHOTOS: DownloadRequest = {
  strategy: 'pool',
  concurrency: 3,
  source: {
    kind: 'simulated',
    simulated: { count: 6, sizeKB: 64, latencyMs: 20, bandwidthKBps: 0 }
  }
}
