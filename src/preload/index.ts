import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'
import type { AppApi, MenuCommand } from '../common/api.ts'
import { CHANNELS, MENU_COMMANDS } from '../common/channels.ts'
import type { RunEvent } from '../common/events.ts'

function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, payload: T): void => listener(payload)
  ipcRenderer.on(channel, wrapped)
  return () => void ipcRenderer.removeListener(channel, wrapped)
}

// Named functions only: the page never gets ipcRenderer, nor a way to name a channel.
const api: AppApi = {
  getAppInfo: () => ipcRenderer.invoke(CHANNELS.getAppInfo),
  getSettings: () => ipcRenderer.invoke(CHANNELS.getSettings),
  saveSettings: (patch) => ipcRenderer.invoke(CHANNELS.saveSettings, patch),
  startDownload: (request) => ipcRenderer.invoke(CHANNELS.startDownload, request),
  startSleep: (request) => ipcRenderer.invoke(CHANNELS.startSleep, request),
  startProcess: (request) => ipcRenderer.invoke(CHANNELS.startProcess, request),
  startPipeline: (request) => ipcRenderer.invoke(CHANNELS.startPipeline, request),
  cancelRun: () => ipcRenderer.invoke(CHANNELS.cancelRun),
  onRunEvents: (listener) => subscribe<RunEvent[]>(CHANNELS.runEvents, listener),
  getHistory: () => ipcRenderer.invoke(CHANNELS.getHistory),
  clearHistory: () => ipcRenderer.invoke(CHANNELS.clearHistory),
  resumeRun: (runId) => ipcRenderer.invoke(CHANNELS.resumeRun, runId),
  chooseFolder: () => ipcRenderer.invoke(CHANNELS.chooseFolder),
  openFolder: () => ipcRenderer.invoke(CHANNELS.openFolder),
  showInFolder: (file) => ipcRenderer.invoke(CHANNELS.showInFolder, file),
  openImage: (file) => ipcRenderer.invoke(CHANNELS.openImage, file),
  startDrag: (file) => ipcRenderer.invoke(CHANNELS.startDrag, file),
  getNotices: () => ipcRenderer.invoke(CHANNELS.getNotices),
  getCurrentRun: () => ipcRenderer.invoke(CHANNELS.getCurrentRun),
  reportError: (report) => ipcRenderer.invoke(CHANNELS.reportError, report),
  getUnsplashStatus: () => ipcRenderer.invoke(CHANNELS.getUnsplashStatus),
  setUnsplashKey: (key) => ipcRenderer.invoke(CHANNELS.setUnsplashKey, key),
  setUnsplashApiUrl: (url) => ipcRenderer.invoke(CHANNELS.setUnsplashApiUrl, url),
  searchUnsplash: (request) => ipcRenderer.invoke(CHANNELS.searchUnsplash, request),
  openUnsplashLink: (target) => ipcRenderer.invoke(CHANNELS.openUnsplashLink, target),
  onMenuCommand: (listener) =>
    subscribe<MenuCommand>(CHANNELS.menuCommand, (command) => {
      if ((MENU_COMMANDS as readonly string[]).includes(command)) listener(command)
    })
}

contextBridge.exposeInMainWorld('api', api)
