import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../src/common/channels.ts'
import { createHandlers } from '../../src/main/service/handlers.ts'
import { tempDir, until } from './helpers.ts'
import { recordingLogger } from './recording-logger.ts'
import { disposeAll, openService } from './service-helpers.ts'

type Listener = (...args: unknown[]) => void

/** A recording stand-in for Electron's event emitters (app, a window, its web contents). */
function emitter() {
  const listeners = new Map<string, Listener[]>()
  return {
    on(name: string, listener: Listener) {
      listeners.set(name, [...(listeners.get(name) ?? []), listener])
    },
    emit(name: string, ...args: unknown[]) {
      for (const listener of listeners.get(name) ?? []) listener(...args)
    },
    count: (name: string) => (listeners.get(name) ?? []).length,
    clear: () => listeners.clear()
  }
}

// Electron's binary cannot run here: the wiring is checked against a recording stand-in.
const electron = vi.hoisted(() => ({
  app: undefined as unknown as ReturnType<typeof emitter>,
  quits: 0,
  messageBoxes: [] as { options: Record<string, unknown> }[],
  /** What the next message box answers (the index of the button clicked). */
  answers: [] as number[],
  menus: [] as { template: Record<string, unknown>[]; popups: number }[],
  opened: [] as string[],
  handlers: new Map<string, (...args: unknown[]) => unknown>()
}))

vi.mock('electron', () => ({
  app: {
    isPackaged: false,
    on: (name: string, listener: Listener) => electron.app.on(name, listener),
    quit: () => void electron.quits++
  },
  dialog: {
    showMessageBox: async (...args: unknown[]) => {
      const options = args.at(-1) as Record<string, unknown>
      electron.messageBoxes.push({ options })
      return { response: electron.answers.shift() ?? -1, checkboxChecked: false }
    }
  },
  Menu: {
    buildFromTemplate: (template: Record<string, unknown>[]) => {
      const menu = { template, popups: 0, popup: () => void menu.popups++ }
      electron.menus.push(menu)
      return menu
    }
  },
  shell: { openPath: async (path: string) => (electron.opened.push(path), '') },
  nativeImage: {
    createFromPath: (path: string) => ({
      resize: (size: { width: number; height: number }) => ({ icon: path, ...size })
    })
  },
  ipcMain: {
    handle: (channel: string, fn: (...args: unknown[]) => unknown) =>
      electron.handlers.set(channel, fn),
    removeHandler: (channel: string) => electron.handlers.delete(channel)
  },
  webContents: { getAllWebContents: () => [] }
}))

// The real electron-log, as its Node build: the same file transport, without Electron's IPC.
vi.mock('electron-log/main', async () => ({ default: (await import('electron-log/node')).default }))

/** A stand-in BrowserWindow: its events, its web contents' events, and what was done to it. */
function fakeWindow() {
  const window = emitter()
  const contents = emitter()
  const done: string[] = []
  const browserWindow = {
    on: window.on,
    isDestroyed: () => false,
    webContents: {
      on: contents.on,
      reload: () => void done.push('reload'),
      startDrag: (item: unknown) => void done.push(`startDrag ${JSON.stringify(item)}`)
    }
  }
  return {
    window,
    contents,
    done,
    browserWindow: browserWindow as unknown as Electron.BrowserWindow
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

beforeEach(async () => {
  electron.app = emitter()
  electron.quits = 0
  electron.messageBoxes.length = 0
  electron.answers.length = 0
  electron.menus.length = 0
  electron.opened.length = 0
  electron.handlers.clear()
  delete process.env.E2E_RECORD_SHELL
  vi.resetModules()
})
afterEach(disposeAll)
afterAll(async () => {
  const log = (await import('electron-log/node')).default
  log.errorHandler.stopCatching()
})

describe('quit during a run', () => {
  async function guarded(running: { value: boolean }) {
    const { guardQuit, QUIT_BUTTONS } = await import('../../src/main/quit-guard.ts')
    const w = fakeWindow()
    const shutDowns: string[] = []
    const guard = guardQuit({
      window: () => w.browserWindow,
      isRunning: () => running.value,
      shutDown: async () => void shutDowns.push('shutDown'),
      logger: recordingLogger()
    })
    guard.watchWindow(w.browserWindow)
    const quit = (): boolean => {
      let prevented = false
      electron.app.emit('before-quit', { preventDefault: () => (prevented = true) })
      return prevented
    }
    const close = (): boolean => {
      let prevented = false
      w.window.emit('close', { preventDefault: () => (prevented = true) })
      return prevented
    }
    return { quit, close, shutDowns, QUIT_BUTTONS }
  }

  it('asks "Cancel the run and quit" or "Keep running"; keeping it quits nothing', async () => {
    const t = await guarded({ value: true })
    electron.answers.push(1)
    expect(t.quit()).toBe(true)
    await settle()
    expect(electron.messageBoxes).toHaveLength(1)
    expect(electron.messageBoxes[0]!.options).toMatchObject({
      type: 'question',
      buttons: ['Cancel the run and quit', 'Keep running'],
      // Escape and closing the box keep the run.
      cancelId: 1,
      defaultId: 1
    })
    expect(t.shutDowns).toEqual([])
    expect(electron.quits).toBe(0)
  })

  it('cancelling the run shuts the service down, then quits for real', async () => {
    const t = await guarded({ value: true })
    electron.answers.push(0)
    expect(t.quit()).toBe(true)
    await until(() => electron.quits === 1)
    expect(t.shutDowns).toEqual(['shutDown'])
    // The quit that follows is not held back.
    expect(t.quit()).toBe(false)
  })

  it('closing the window during a run asks too (it quits the app on Linux and Windows)', async () => {
    const t = await guarded({ value: true })
    electron.answers.push(1)
    expect(t.close()).toBe(true)
    await settle()
    expect(electron.messageBoxes).toHaveLength(1)
    electron.app = emitter()
    const idle = await guarded({ value: false })
    expect(idle.close()).toBe(false)
    // With no run a quit asks nothing: it shuts down and quits.
    expect(idle.quit()).toBe(true)
    await until(() => electron.quits === 1)
    expect(electron.messageBoxes).toHaveLength(1)
  })

  it('in the e2e harness, the question is recorded and answered without a dialog', async () => {
    const dir = await tempDir()
    process.env.E2E_RECORD_SHELL = join(dir, 'shell.jsonl')
    const t = await guarded({ value: true })
    t.quit()
    await until(() => electron.quits === 1)
    expect(electron.messageBoxes).toEqual([])
    expect(await readFile(process.env.E2E_RECORD_SHELL, 'utf8')).toBe(
      `${JSON.stringify({ call: 'askQuit', path: '' })}\n`
    )
  })
})

describe('crash recovery', () => {
  it('a renderer crash is logged, the window reloaded, and the reloaded page told once over IPC', async () => {
    const { watchCrashes } = await import('../../src/main/crash-recovery.ts')
    const { registerIpc } = await import('../../src/main/ipc.ts')
    const logger = recordingLogger()
    const w = fakeWindow()
    const crashes = watchCrashes({
      window: () => w.browserWindow,
      logger,
      logFile: '/logs/main.log'
    })
    crashes.watchWindow(w.browserWindow)
    const t = await openService()
    const indexHtml = join('/opt', 'app', 'out', 'renderer', 'index.html')
    registerIpc(t.service, { indexHtml }, { notices: () => crashes.takeNotices() })

    w.contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 })
    expect(w.done).toEqual(['reload'])
    expect(logger.lines).toEqual([
      { level: 'error', message: 'the window’s renderer process ended: crashed, exit code 139' }
    ])
    const getNotices = () =>
      electron.handlers.get(CHANNELS.getNotices)!({
        senderFrame: { url: pathToFileURL(indexHtml).href, parent: null }
      })
    expect(await getNotices()).toEqual([
      expect.stringMatching(/^The window stopped unexpectedly \(crashed\) and was reloaded/)
    ])
    expect(await getNotices()).toEqual([])

    // The GPU process drawing the window: reloaded too; another child process: logged only.
    electron.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 1 })
    electron.app.emit(
      'child-process-gone',
      {},
      { type: 'Utility', serviceName: 'audio.mojom.AudioService', reason: 'crashed', exitCode: 1 }
    )
    expect(w.done).toEqual(['reload', 'reload'])
    expect(logger.lines).toHaveLength(3)
  })

  it('after crashes in a row, says so in a message box instead of reloading again', async () => {
    const { watchCrashes } = await import('../../src/main/crash-recovery.ts')
    const w = fakeWindow()
    const crashes = watchCrashes({
      window: () => w.browserWindow,
      logger: recordingLogger(),
      logFile: '/logs/main.log'
    })
    crashes.watchWindow(w.browserWindow)
    for (let i = 0; i < 5; i++) {
      w.contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 })
    }
    expect(w.done).toEqual(['reload', 'reload', 'reload'])
    expect(electron.messageBoxes).toHaveLength(1)
    expect(electron.messageBoxes[0]!.options.detail).toMatch(/Please restart the app/)
  })
})

describe('text field context menu', () => {
  const flags = {
    canUndo: false,
    canRedo: false,
    canCut: true,
    canCopy: true,
    canPaste: true,
    canDelete: true,
    canSelectAll: true,
    canEditRichly: false
  }

  it('offers Cut, Copy, Paste and Select All in a text field, enabled as Chromium says', async () => {
    const { attachTextContextMenu } = await import('../../src/main/context-menu.ts')
    const contents = emitter()
    attachTextContextMenu(contents as unknown as Electron.WebContents)
    contents.emit(
      'context-menu',
      {},
      {
        isEditable: true,
        selectionText: '',
        editFlags: { ...flags, canCut: false, canCopy: false }
      }
    )
    expect(electron.menus).toHaveLength(1)
    expect(electron.menus[0]!.popups).toBe(1)
    expect(
      electron.menus[0]!.template.map((item) => [item.role ?? item.type, item.enabled ?? null])
    ).toEqual([
      ['cut', false],
      ['copy', false],
      ['paste', true],
      ['separator', null],
      ['selectAll', true]
    ])
  })

  it('offers Copy and Select All on selected text, and nothing elsewhere', async () => {
    const { attachTextContextMenu } = await import('../../src/main/context-menu.ts')
    const contents = emitter()
    attachTextContextMenu(contents as unknown as Electron.WebContents)
    contents.emit(
      'context-menu',
      {},
      { isEditable: false, selectionText: 'photo-1.jpg', editFlags: flags }
    )
    expect(electron.menus[0]!.template.map((item) => item.role)).toEqual(['copy', 'selectAll'])
    contents.emit('context-menu', {}, { isEditable: false, selectionText: '', editFlags: flags })
    expect(electron.menus).toHaveLength(1)
  })
})

describe('logs', () => {
  it('main.log in the logs folder, rotated to main.old.log; Help › Open Logs Folder opens that folder', async () => {
    const { LOG_MAX_BYTES, openLogsFolder, startLogging } =
      await import('../../src/main/logging.ts')
    const { buildAppMenu } = await import('../../src/main/menu.ts')
    const dir = await tempDir()
    const log = startLogging(dir)
    expect(log.file).toBe(join(dir, 'main.log'))
    log.warn('a warning from main')
    await until(() => existsSync(log.file))
    expect(await readFile(log.file, 'utf8')).toMatch(/\[warn\]\s+a warning from main\n$/)

    // A full file is set aside, so the logs never grow past two files.
    const line = 'x'.repeat(1023)
    for (let written = 0; written <= LOG_MAX_BYTES; written += 1024) log.info(line)
    log.error('after the rotation')
    await until(() => existsSync(join(dir, 'main.old.log')))
    expect(await readFile(log.file, 'utf8')).toMatch(/after the rotation/)

    let opened = 0
    const menu = buildAppMenu(
      {
        send: () => undefined,
        openOutputFolder: () => undefined,
        openLogsFolder: () => void opened++
      },
      { isMac: false, isDev: false }
    ) as unknown as {
      template: { role?: string; submenu?: { label?: string; click?: () => void }[] }[]
    }
    const help = menu.template.find((item) => item.role === 'help')!
    help.submenu!.find((item) => item.label === 'Open Logs Folder')!.click!()
    expect(opened).toBe(1)
    await openLogsFolder(log)
    expect(electron.opened).toEqual([dir])
  })
})

describe('dragging a saved image out of the window', () => {
  it('starts the system drag for an image a run saved, and for nothing else', async () => {
    const { electronDrag } = await import('../../src/main/drag.ts')
    const w = fakeWindow()
    const t = await openService({ drag: electronDrag(() => w.browserWindow, '/app/icon.png') })
    const started = await t.service.startDownload({
      strategy: 'pool',
      concurrency: 1,
      source: {
        kind: 'simulated',
        simulated: { count: 1, sizeKB: 16, latencyMs: 0, bandwidthKBps: 0 }
      }
    })
    if (!started.ok) throw new Error(started.error)
    await t.finished(started.value.runId)
    const saved = t.events().find((e) => e.type === 'task-finished')
    const file = saved?.type === 'task-finished' ? saved.file! : ''
    const handlers = createHandlers(t.service)

    expect(await handlers.startDrag(file)).toEqual({ ok: true, value: undefined })
    expect(w.done).toEqual([
      `startDrag ${JSON.stringify({ file, icon: { icon: '/app/icon.png', width: 48, height: 48 } })}`
    ])
    // A file the app did not write, even in the same folder, and a system file: refused.
    const beside = join(t.outputDir, 'setup.exe')
    await writeFile(beside, 'MZ')
    for (const other of [beside, '/etc/passwd', 'relative.jpg', 42]) {
      expect(await handlers.startDrag(other), String(other)).toMatchObject({ ok: false })
    }
    expect(w.done).toHaveLength(1)
  })

  it('without a drag port (the Chromium harness), says the desktop app is needed', async () => {
    const t = await openService()
    expect(await t.service.startDrag('/pics/a.jpg')).toMatchObject({ ok: false })
  })
})
