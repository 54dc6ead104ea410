import { ipcMain, webContents } from 'electron'
import type { IpcMainInvokeEvent } from 'electron'
import { CHANNELS } from '../common/channels.ts'
import type { AppService } from './service/app-service.ts'
import { isAppUrl } from './service/app-url.ts'
import type { AppLocation } from './service/app-url.ts'
import { createHandlers } from './service/handlers.ts'
import type { Handlers } from './service/handlers.ts'

/** Only our own page, in a window's top frame, may call the main process. */
function fromOurPage(event: IpcMainInvokeEvent, location: AppLocation): boolean {
  const frame = event.senderFrame
  return frame !== null && frame.parent === null && isAppUrl(frame.url, location)
}

/**
 * One `ipcMain.handle` per call, each through the validating handlers, and the
 * service's event batches pushed to every window of ours. Returns the undo.
 */
export function registerIpc(
  service: AppService,
  location: AppLocation,
  options: {
    /** Notices main has for the page besides the service's (a crash it was reloaded after). */
    notices?: () => string[]
  } = {}
): () => void {
  const handlers = createHandlers(service)
  const serviceNotices = handlers.getNotices
  handlers.getNotices = async () => [...(options.notices?.() ?? []), ...(await serviceNotices())]
  // Each handled call has its channel of the same name (a type error otherwise).
  const calls = Object.keys(handlers) as (keyof Handlers)[]
  for (const call of calls) {
    const handler = handlers[call] as (...args: unknown[]) => Promise<unknown>
    ipcMain.handle(CHANNELS[call], (event, ...args: unknown[]) => {
      if (!fromOurPage(event, location)) {
        throw new Error(`Refused ${CHANNELS[call]}: the sender is not the app's page`)
      }
      return handler(...args)
    })
  }
  const unsubscribe = service.onRunEvents((batch) => {
    for (const contents of webContents.getAllWebContents()) {
      if (contents.isDestroyed() || contents.getType() !== 'window') continue
      if (!isAppUrl(contents.getURL(), location)) continue
      contents.send(CHANNELS.runEvents, batch)
    }
  })
  return () => {
    unsubscribe()
    for (const call of calls) ipcMain.removeHandler(CHANNELS[call])
  }
}
