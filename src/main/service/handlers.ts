import type { z } from 'zod'
import {
  downloadRequestSchema,
  errorReportSchema,
  filePathSchema,
  runIdSchema,
  pipelineRequestSchema,
  processRequestSchema,
  settingsPatchSchema,
  sleepRequestSchema
} from '../../common/schemas.ts'
import type { Result } from '../../common/api.ts'
import {
  unsplashApiUrlSchema,
  unsplashKeySchema,
  unsplashLinkSchema,
  unsplashSearchSchema
} from '../../common/unsplash.ts'
import type { AppService } from './app-service.ts'
import { describeZodError } from './zod-message.ts'

const UNSPLASH_KEY_RULE = 'letters, digits, - and _ (10 to 128)'

/** The service calls a window can make by invoke; events go the other way. */
export type HandledCall = Exclude<keyof AppService, 'onRunEvents' | 'dispose' | 'thumbnailDir'>

export type Handlers = {
  [K in HandledCall]: (...args: unknown[]) => ReturnType<AppService[K]>
}

/**
 * Validates one argument, then calls; a bad payload gets `{ ok: false, error }`
 * and never reaches the service, so it changes nothing.
 */
function validated<S extends z.ZodType, T>(
  what: string,
  schema: S,
  call: (value: z.output<S>) => Promise<Result<T>>
): (...args: unknown[]) => Promise<Result<T>> {
  return async (...args) => {
    if (args.length !== 1) return { ok: false, error: `Invalid ${what}: expected one argument` }
    const parsed = schema.safeParse(args[0])
    if (!parsed.success) return { ok: false, error: describeZodError(what, parsed.error) }
    try {
      return await call(parsed.data)
    } catch (error) {
      return { ok: false, error: (error as Error).message }
    }
  }
}

/** What each call does for a window, whatever the transport (Electron IPC or the test harness). */
export function createHandlers(service: AppService): Handlers {
  return {
    getAppInfo: () => service.getAppInfo(),
    getSettings: () => service.getSettings(),
    saveSettings: validated('settings', settingsPatchSchema, (patch) =>
      service.saveSettings(patch)
    ),
    startDownload: validated('download request', downloadRequestSchema, (request) =>
      service.startDownload(request)
    ),
    startSleep: validated('sleep request', sleepRequestSchema, (request) =>
      service.startSleep(request)
    ),
    startProcess: validated('process request', processRequestSchema, (request) =>
      service.startProcess(request)
    ),
    startPipeline: validated('pipeline request', pipelineRequestSchema, (request) =>
      service.startPipeline(request)
    ),
    cancelRun: () => service.cancelRun(),
    getHistory: () => service.getHistory(),
    clearHistory: () => service.clearHistory(),
    resumeRun: validated('run id', runIdSchema, (runId) => service.resumeRun(runId)),
    chooseFolder: () => service.chooseFolder(),
    openFolder: () => service.openFolder(),
    showInFolder: validated('file path', filePathSchema, (file) => service.showInFolder(file)),
    openImage: validated('file path', filePathSchema, (file) => service.openImage(file)),
    startDrag: validated('file path', filePathSchema, (file) => service.startDrag(file)),
    getNotices: () => service.getNotices(),
    getCurrentRun: () => service.getCurrentRun(),
    reportError: validated('error report', errorReportSchema, (report) =>
      service.reportError(report)
    ),
    getUnsplashStatus: () => service.getUnsplashStatus(),
    // The key's problem is named by its rule: the message never repeats what was pasted.
    setUnsplashKey: async (...args) => {
      const parsed = args.length === 1 ? unsplashKeySchema.safeParse(args[0]) : undefined
      if (!parsed?.success) return { ok: false, error: `Invalid access key: ${UNSPLASH_KEY_RULE}` }
      return service.setUnsplashKey(parsed.data)
    },
    setUnsplashApiUrl: validated('API origin', unsplashApiUrlSchema, (url) =>
      service.setUnsplashApiUrl(url)
    ),
    searchUnsplash: validated('search', unsplashSearchSchema, (request) =>
      service.searchUnsplash(request)
    ),
    openUnsplashLink: validated('link', unsplashLinkSchema, (target) =>
      service.openUnsplashLink(target)
    )
  }
}
