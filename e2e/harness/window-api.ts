/**
 * window.api for the Chromium harness: the AppApi the preload gives the
 * Electron window, provided over Playwright instead of IPC. Calls go through
 * page.exposeBinding to createHandlers(service), the zod-validated handlers
 * the Electron IPC uses; run events come back as page.evaluate pushes into a
 * listener registry that an init script installs before the app's scripts.
 */
import type { Page } from '@playwright/test'
import type { AppApi, MenuCommand } from '../../src/common/api.ts'
import type { RunEvent } from '../../src/common/events.ts'
import type { AppService } from '../../src/main/service/app-service.ts'
import { createHandlers, type HandledCall, type Handlers } from '../../src/main/service/handlers.ts'

/** Every request/response call of AppApi, by name. */
export const CALLS = [
  'getAppInfo',
  'getSettings',
  'saveSettings',
  'startDownload',
  'startSleep',
  'startProcess',
  'startPipeline',
  'cancelRun',
  'getHistory',
  'clearHistory',
  'resumeRun',
  'chooseFolder',
  'openFolder',
  'showInFolder',
  'openImage',
  'getNotices',
  'getCurrentRun',
  'reportError',
  'startDrag',
  'getUnsplashStatus',
  'setUnsplashKey',
  'setUnsplashApiUrl',
  'searchUnsplash',
  'openUnsplashLink'
] as const satisfies readonly HandledCall[]

export type Call = (typeof CALLS)[number]
/** The two subscriptions: pushed from main, not called. */
type Pushed = 'onRunEvents' | 'onMenuCommand'

// A method added to AppApi and not bridged here is a type error: `Uncovered` must be never.
type Uncovered = Exclude<keyof AppApi, Call | Pushed>
const everyCallBridged: [Uncovered] extends [never] ? true : Uncovered = true
void everyCallBridged

const BINDING = '__e2eInvoke'
const PUSH = '__e2ePush'
/**
 * Where a call made while the page unloads goes (as a beacon to the page's own
 * server): Playwright drops a binding call whose page is gone, where Electron's
 * IPC still delivers it (the settings saved on `pagehide`).
 */
export const BEACON_PATH = '/__e2e/call'

type PushKind = 'run-events' | 'menu-command'

/**
 * Runs in the page before its scripts (serialized by addInitScript: it must
 * not close over anything). Typed as AppApi, so a drift in the interface is a
 * type error here too.
 */
function installWindowApi({
  names,
  beaconPath
}: {
  names: readonly Call[]
  beaconPath: string
}): void {
  type Invoke = (name: Call, ...args: unknown[]) => Promise<unknown>
  const page = window as unknown as Record<string, unknown>
  // Registered before the app's own listeners, so it runs first.
  let leaving = false
  window.addEventListener('pagehide', () => (leaving = true))
  window.addEventListener('pageshow', () => (leaving = false))
  const invoke = (name: Call, args: unknown[]): Promise<unknown> => {
    if (!leaving) return (page['__e2eInvoke'] as Invoke)(name, ...args)
    // The page is going: the call is delivered, its answer is not.
    navigator.sendBeacon(beaconPath, JSON.stringify({ name, args }))
    return new Promise(() => undefined)
  }
  const listeners: Record<PushKind, Set<(payload: never) => void>> = {
    'run-events': new Set(),
    'menu-command': new Set()
  }
  const subscribe = (kind: PushKind, listener: (payload: never) => void): (() => void) => {
    listeners[kind].add(listener)
    return () => void listeners[kind].delete(listener)
  }
  page['__e2ePush'] = (kind: PushKind, payload: never): void => {
    for (const listener of listeners[kind]) {
      try {
        listener(payload)
      } catch (error) {
        setTimeout(() => {
          throw error
        })
      }
    }
  }
  const calls = Object.fromEntries(
    names.map((name) => [name, (...args: unknown[]) => invoke(name, args)])
  ) as Pick<AppApi, Call>
  const api: AppApi = {
    ...calls,
    onRunEvents: (listener: (batch: RunEvent[]) => void) => subscribe('run-events', listener),
    onMenuCommand: (listener: (command: MenuCommand) => void) => subscribe('menu-command', listener)
  }
  Object.defineProperty(window, 'api', { value: Object.freeze(api), enumerable: true })
}

function isCall(name: unknown): name is Call {
  return (CALLS as readonly unknown[]).includes(name)
}

export interface WindowApiBridge {
  /** Starts serving a (new) service: the old one's events stop reaching the page. */
  attach(service: AppService): void
  /** Sends a menu command, as Electron's application menu does. */
  menuCommand(command: MenuCommand): Promise<void>
  /** Waits until the events pushed so far have reached the page. */
  drained(): Promise<void>
  /** A call the page made as it unloaded (the body of a beacon to BEACON_PATH). */
  beacon(body: string): Promise<void>
  /**
   * Test only: the next `call` answers `value` instead of asking the service (malformed
   * data from main, say, to see the window's error boundary). Lives in this harness, not
   * in the app: the preload and main have no such hook.
   */
  answerOnce(call: Call, value: unknown): void
}

/** Installs window.api in `page` (call before the first navigation). */
export async function bridgeWindowApi(page: Page): Promise<WindowApiBridge> {
  let handlers: Handlers | undefined
  let unsubscribe: (() => void) | undefined
  // One push after another, in order; a push to a page that is navigating is lost, as over IPC.
  let pushes: Promise<void> = Promise.resolve()
  const push = (kind: PushKind, payload: RunEvent[] | MenuCommand): Promise<void> => {
    pushes = pushes.then(() =>
      page
        .evaluate(
          ([name, kind, payload]) => {
            const deliver = (window as unknown as Record<string, unknown>)[name]
            if (typeof deliver === 'function') deliver(kind, payload)
          },
          [PUSH, kind, payload] as const
        )
        .catch(() => undefined)
    )
    return pushes
  }

  // Calls from a page that was unloading are handled before any later call.
  let beacons: Promise<unknown> = Promise.resolve()
  const onceAnswers = new Map<Call, unknown>()

  await page.exposeBinding(BINDING, async (_source, name: unknown, ...args: unknown[]) => {
    if (!isCall(name)) throw new Error(`window.api has no call ${String(name)}`)
    await beacons
    if (onceAnswers.has(name)) {
      const answer = onceAnswers.get(name)
      onceAnswers.delete(name)
      return answer
    }
    if (!handlers) throw new Error('no main service')
    // The call, its arguments and its result cross as Playwright serializes them, as IPC's structured clone would.
    return handlers[name](...args)
  })
  await page.addInitScript(installWindowApi, { names: CALLS, beaconPath: BEACON_PATH })

  return {
    attach(service) {
      unsubscribe?.()
      handlers = createHandlers(service)
      unsubscribe = service.onRunEvents((batch) => void push('run-events', batch))
    },
    menuCommand: (command) => push('menu-command', command),
    answerOnce: (call, value) => void onceAnswers.set(call, value),
    drained: () => pushes,
    beacon(body) {
      const { name, args } = JSON.parse(body) as { name: unknown; args: unknown }
      if (!isCall(name) || !Array.isArray(args) || !handlers) return Promise.resolve()
      const call = handlers[name]
      beacons = Promise.all([beacons, call(...(args as unknown[])).catch(() => undefined)])
      return beacons.then(() => undefined)
    }
  }
}
